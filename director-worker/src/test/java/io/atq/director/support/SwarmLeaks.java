package io.atq.director.support;

import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmObject;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that nothing labelled with a test's instance is left in Swarm; removes leftovers first so one failure does not leak into the next test. */
public final class SwarmLeaks {
    private SwarmLeaks() {
    }

    public static void assertNothingLeft(SwarmClient swarm, String instance) {
        List<SwarmObject> services = swarm.listServices(instance, null);
        List<SwarmObject> networks = swarm.listNetworks(instance, null);
        List<SwarmObject> containers = swarm.listContainers(instance, null);
        List<String> leftovers = new ArrayList<>();
        services.forEach(s -> leftovers.add("service " + s.name()));
        networks.forEach(n -> leftovers.add("network " + n.name()));
        containers.forEach(c -> leftovers.add("container " + c.name()));
        if (!leftovers.isEmpty()) {
            services.forEach(s -> swarm.removeService(s.id()));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!swarm.listContainers(instance, null).isEmpty() && System.nanoTime() < deadline) {
                sleep();
            }
            for (SwarmObject network : networks) {
                try {
                    swarm.removeNetwork(network.id());
                } catch (RuntimeException e) {
                    leftovers.add("(could not remove network " + network.name() + ": " + e.getMessage() + ")");
                }
            }
        }
        assertThat(leftovers).as("Swarm objects labelled atq.instance=%s left behind", instance).isEmpty();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
