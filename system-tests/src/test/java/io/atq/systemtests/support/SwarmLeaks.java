package io.atq.systemtests.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import org.testcontainers.DockerClientFactory;

import java.util.List;
import java.util.Map;

/**
 * Swarm objects labelled with one {@code atq.instance}: services, containers and networks.
 * Read through Testcontainers' docker-java client (the real daemon, no mocks).
 */
public record SwarmLeaks(String instance, List<String> services, List<String> containers, List<String> networks) {

    public static SwarmLeaks of(String instance) {
        DockerClient docker = DockerClientFactory.instance().client();
        Map<String, String> label = Map.of("atq.instance", instance);
        List<String> services = docker.listServicesCmd().withLabelFilter(label).exec().stream().map(Service::getSpec)
                .map(spec -> spec.getName()).toList();
        List<String> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec().stream()
                .map(Container::getId).toList();
        List<String> networks = docker.listNetworksCmd().withFilter("label", List.of("atq.instance=" + instance)).exec().stream()
                .map(Network::getName).toList();
        return new SwarmLeaks(instance, services, containers, networks);
    }

    public boolean isEmpty() {
        return services.isEmpty() && containers.isEmpty() && networks.isEmpty();
    }

    /** Removes what is left, so one failing test does not poison the next runs. */
    public void remove() {
        DockerClient docker = DockerClientFactory.instance().client();
        services.forEach(name -> ignore(() -> docker.removeServiceCmd(name).exec()));
        containers.forEach(id -> ignore(() -> docker.removeContainerCmd(id).withForce(true).exec()));
        for (int attempt = 0; attempt < 30; attempt++) {
            List<String> left = SwarmLeaks.of(instance).networks();
            if (left.isEmpty()) {
                return;
            }
            left.forEach(name -> ignore(() -> docker.removeNetworkCmd(name).exec()));
            AppProcess.sleep(500);
        }
    }

    private static void ignore(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // best effort: already gone, or still in use and retried
        }
    }
}
