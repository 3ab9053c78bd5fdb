package io.atq.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import io.atq.contracts.names.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every Swarm object labelled with the bench's instance: listed, waited for, removed. */
final class Leaks {
    private final DockerClient docker;
    private final String instance;

    Leaks(DockerClient docker, String instance) {
        this.docker = docker;
        this.instance = instance;
    }

    /** "service NAME", "network NAME", "container NAME" of everything still labelled with the instance. */
    List<String> remaining() {
        Map<String, String> labels = Map.of(Labels.INSTANCE, instance, Labels.MANAGED, "true");
        List<String> filter = List.of(Labels.INSTANCE + "=" + instance, Labels.MANAGED + "=true");
        List<String> found = new ArrayList<>();
        docker.listServicesCmd().withLabelFilter(labels).exec().forEach(s -> found.add("service " + s.getSpec().getName()));
        docker.listNetworksCmd().withFilter("label", filter).exec().forEach(n -> found.add("network " + n.getName()));
        docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
                .forEach(c -> found.add("container " + String.join(",", c.getNames())));
        return found;
    }

    /**
     * Waits up to {@code seconds} for everything to go (removal is asynchronous: containers linger a few seconds).
     * Whatever is left is removed and returned: a non-empty answer means the bench (or ATQ) leaked.
     */
    List<String> awaitNone(int seconds) throws InterruptedException {
        List<String> left = remaining();
        for (int i = 0; i < seconds && !left.isEmpty(); i++) {
            Thread.sleep(1000);
            left = remaining();
        }
        if (!left.isEmpty()) {
            removeEverything();
        }
        return left;
    }

    /** Removes every service and network labelled with the instance (services first; networks retried). */
    void removeEverything() throws InterruptedException {
        Map<String, String> labels = Map.of(Labels.INSTANCE, instance, Labels.MANAGED, "true");
        docker.listServicesCmd().withLabelFilter(labels).exec().forEach(s -> {
            try {
                docker.removeServiceCmd(s.getId()).exec();
            } catch (DockerException ignored) {
                // gone meanwhile
            }
        });
        List<String> filter = List.of(Labels.INSTANCE + "=" + instance, Labels.MANAGED + "=true");
        for (int i = 0; i < 30; i++) {
            var networks = docker.listNetworksCmd().withFilter("label", filter).exec();
            if (networks.isEmpty()) {
                return;
            }
            networks.forEach(n -> {
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                } catch (DockerException stillInUse) {
                    // retried below
                }
            });
            Thread.sleep(1000);
        }
    }
}
