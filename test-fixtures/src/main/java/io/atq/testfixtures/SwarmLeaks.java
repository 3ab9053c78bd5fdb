package io.atq.testfixtures;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import io.atq.contracts.names.Labels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Swarm objects labelled with one {@code atq.instance} (services, containers, networks), read live from the
 * engine: the leak check of integration tests, system tests and benchmarks. Each test or run has its own instance,
 * so whatever carries it after the run was left behind by ATQ or by the test.
 */
public final class SwarmLeaks {
    private static final Duration REMOVAL_WAIT = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final String instance;

    private SwarmLeaks(DockerClient docker, String instance) {
        this.docker = docker;
        this.instance = instance;
    }

    /** The check for {@code instance}, through any docker-java client of the local engine. */
    public static SwarmLeaks of(DockerClient docker, String instance) {
        return new SwarmLeaks(docker, instance);
    }

    public String instance() {
        return instance;
    }

    /** The names of the services labelled with the instance now. */
    public List<String> services() {
        return listServices().stream().map(SwarmLeaks::serviceName).toList();
    }

    /** Everything labelled with the instance now, as {@code service NAME}, {@code container NAME}, {@code network NAME}. */
    public List<String> remaining() {
        List<String> found = new ArrayList<>();
        listServices().forEach(s -> found.add("service " + serviceName(s)));
        listContainers().forEach(c -> found.add("container " + containerName(c)));
        listNetworks().forEach(n -> found.add("network " + n.getName()));
        return found;
    }

    public boolean isEmpty() {
        return remaining().isEmpty();
    }

    /**
     * Waits up to {@code within} for everything to go (removal is asynchronous: a removed service's containers linger
     * a few seconds, its network until they are gone) and returns what is still there: empty when nothing leaked.
     * Removes nothing.
     */
    public List<String> awaitGone(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> left = remaining();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            AppProcess.sleep(500);
            left = remaining();
        }
        return left;
    }

    /**
     * Fails (an {@link AssertionError} naming them) if anything is labelled with the instance now; removes it first,
     * so that one failing test does not leak into the next.
     */
    public void assertNothingLeft() {
        List<String> left = remaining();
        if (!left.isEmpty()) {
            removeAll();
            throw new AssertionError("Swarm objects labelled " + Labels.INSTANCE + "=" + instance
                    + " left behind (now removed): " + left);
        }
    }

    /**
     * Removes everything labelled with the instance: services first, then waits for their containers to go (forcing
     * any that stay), then networks, retried while they are still in use. Best effort: what is already gone is fine.
     */
    public void removeAll() {
        listServices().forEach(s -> quietly(() -> docker.removeServiceCmd(s.getId()).exec()));
        long deadline = System.nanoTime() + REMOVAL_WAIT.toNanos();
        while (!listContainers().isEmpty() && System.nanoTime() < deadline) {
            AppProcess.sleep(200);
        }
        listContainers().forEach(c -> quietly(() -> docker.removeContainerCmd(c.getId()).withForce(true).exec()));
        deadline = System.nanoTime() + REMOVAL_WAIT.toNanos();
        List<Network> networks = listNetworks();
        while (!networks.isEmpty() && System.nanoTime() < deadline) {
            networks.forEach(n -> quietly(() -> docker.removeNetworkCmd(n.getId()).exec()));
            AppProcess.sleep(500);
            networks = listNetworks();
        }
    }

    /** The instance and what carries its label now (read when called: for assertion messages). */
    @Override
    public String toString() {
        return Labels.INSTANCE + "=" + instance + " " + remaining();
    }

    private List<Service> listServices() {
        return docker.listServicesCmd().withLabelFilter(Map.of(Labels.INSTANCE, instance)).exec();
    }

    private List<Container> listContainers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.INSTANCE, instance)).exec();
    }

    private List<Network> listNetworks() {
        return docker.listNetworksCmd().withFilter("label", List.of(Labels.INSTANCE + "=" + instance)).exec();
    }

    private static String serviceName(Service service) {
        ServiceSpec spec = service.getSpec();
        return spec == null || spec.getName() == null ? service.getId() : spec.getName();
    }

    private static String containerName(Container container) {
        String[] names = container.getNames();
        return names == null || names.length == 0 ? container.getId() : String.join(",", names);
    }

    private static void quietly(Runnable removal) {
        try {
            removal.run();
        } catch (RuntimeException e) {
            // already gone, or a network still in use (retried); best effort either way
        }
    }
}
