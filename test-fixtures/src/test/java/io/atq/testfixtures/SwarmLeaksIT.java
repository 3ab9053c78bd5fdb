package io.atq.testfixtures;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import io.atq.contracts.names.Labels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The leak check against the real swarm: it sees what an instance left, removes all of it, and nothing else. */
class SwarmLeaksIT {
    private final DockerClient docker = DockerClientFactory.instance().client();
    private final String instance = "atq-test-fx-" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = "atq-test-fx-other-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeWhatTheTestPlanted() {
        SwarmLeaks.of(docker, instance).removeAll();
        SwarmLeaks.of(docker, other).removeAll();
    }

    @Test
    void reportsAServiceItsContainerAndItsNetworkThenRemovesThemAndFails() {
        String network = plantNetwork(instance);
        String service = plantService(instance, network);
        SwarmLeaks leaks = SwarmLeaks.of(docker, instance);
        await(() -> leaks.remaining().stream().anyMatch(o -> o.startsWith("container ")));

        assertThat(leaks.services()).containsExactly(service);
        assertThat(leaks.remaining()).contains("service " + service, "network " + network);
        assertThatThrownBy(leaks::assertNothingLeft).isInstanceOf(AssertionError.class)
                .hasMessageContaining(Labels.INSTANCE + "=" + instance).hasMessageContaining("service " + service);
        assertThat(leaks.remaining()).as("removed before failing").isEmpty();
    }

    @Test
    void removesOnlyItsOwnInstance() {
        plantNetwork(instance);
        String foreign = plantNetwork(other);

        SwarmLeaks.of(docker, instance).removeAll();

        assertThat(SwarmLeaks.of(docker, instance).isEmpty()).isTrue();
        assertThat(SwarmLeaks.of(docker, other).remaining()).containsExactly("network " + foreign);
    }

    @Test
    void anInstanceWithNothingLeftPasses() {
        SwarmLeaks leaks = SwarmLeaks.of(docker, instance);

        leaks.assertNothingLeft();
        assertThat(leaks.awaitGone(java.time.Duration.ofSeconds(1))).isEmpty();
    }

    private Map<String, String> labels(String owner) {
        return Map.of(Labels.INSTANCE, owner, Labels.MANAGED, "true");
    }

    private String plantNetwork(String owner) {
        String name = owner + "-" + UUID.randomUUID().toString().substring(0, 4) + "-net";
        docker.createNetworkCmd().withName(name).withDriver("overlay").withAttachable(true).withLabels(labels(owner)).exec();
        return name;
    }

    private String plantService(String owner, String network) {
        String name = owner + "-svc";
        ContainerSpec container = new ContainerSpec().withImage("atq/probe:1")
                .withCommand(List.of("/bin/sh", "-c", "sleep 300")).withLabels(labels(owner));
        docker.createServiceCmd(new ServiceSpec().withName(name).withLabels(labels(owner))
                .withTaskTemplate(new TaskSpec().withContainerSpec(container))
                .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network)))).exec();
        return name;
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            AppProcess.sleep(200);
        }
    }
}
