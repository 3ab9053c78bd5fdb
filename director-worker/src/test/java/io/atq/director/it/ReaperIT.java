package io.atq.director.it;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.swarm.NetworkDefinition;
import io.atq.director.swarm.ServiceDefinition;
import io.atq.testfixtures.SwarmLeaks;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reaper against the real swarm: leaks of its own instance go, anything else stays. */
class ReaperIT extends DirectorITSupport {
    private static final String DEAD_DIRECTOR = "director-that-died";

    @Test
    void removesObjectsOfTerminalAndUnknownTasksWithinTwoIntervalsAndNeverTouchesOtherInstancesOrUnlabelledObjects() {
        String otherInstance = "atq-test-other-" + UUID.randomUUID().toString().substring(0, 8);
        TaskId terminal = TaskId.random();
        TaskId unknown = TaskId.random();
        TaskId foreign = TaskId.random();
        String unlabelled = "atq-test-unlabelled-" + UUID.randomUUID().toString().substring(0, 8);
        publish(TaskPhaseChanged.of(terminal, Phase.FAILED, Instant.now(), DEAD_DIRECTOR));
        String unlabelledNetwork = swarm.createNetwork(new NetworkDefinition(unlabelled, Map.of()));
        try {
            Instant planted = Instant.now();
            plant(INSTANCE, terminal);
            plant(INSTANCE, unknown);
            plant(otherInstance, foreign);

            await().atMost(REAPER_INTERVAL.multipliedBy(2).plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> swarm.listServices(INSTANCE, terminal).isEmpty() && swarm.listServices(INSTANCE, unknown).isEmpty());
            long servicesGoneMs = Duration.between(planted, Instant.now()).toMillis();
            // Networks follow once the services' containers are gone (Docker removes those asynchronously).
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> swarm.listNetworks(INSTANCE, null).isEmpty());
            long networksGoneMs = Duration.between(planted, Instant.now()).toMillis();
            System.out.printf("[reaper] interval %d ms: services removed after %d ms, networks after %d ms%n",
                    REAPER_INTERVAL.toMillis(), servicesGoneMs, networksGoneMs);

            // Several more passes: the other instance's objects and the unlabelled network are still there.
            sleep(REAPER_INTERVAL.multipliedBy(2));
            assertThat(swarm.listServices(otherInstance, foreign)).hasSize(1);
            assertThat(swarm.listNetworks(otherInstance, foreign)).hasSize(1);
            assertThat(swarm.findNetwork(unlabelled)).isPresent();
            assertThat(tap.cleanedUp(terminal)).as("the terminal task's removal is reported").isPresent();
        } finally {
            // What the test planted for another instance: the reaper must not remove it, so the test does.
            SwarmLeaks.of(DockerClientFactory.instance().client(), otherInstance).removeAll();
            swarm.removeNetwork(unlabelledNetwork);
        }
    }

    private void plant(String instance, TaskId taskId) {
        Map<String, String> labels = Map.of(Labels.TASK, taskId.value(), Labels.INSTANCE, instance, Labels.MANAGED, "true",
                Labels.OWNER, DEAD_DIRECTOR, Labels.DEADLINE, Instant.now().plusSeconds(3600).toString());
        String network = swarm.createNetwork(new NetworkDefinition("atq-" + taskId + "-net", with(labels, Labels.Role.NETWORK)));
        swarm.createService(new ServiceDefinition("atq-" + taskId + "-workers", swarm.resolveImageId("atq/probe:1"), 1,
                List.of("/bin/sh", "-c", "sleep 300"), Map.of(), network, with(labels, Labels.Role.WORKER), List.of(), Duration.ofSeconds(1)));
    }

    private static Map<String, String> with(Map<String, String> labels, Labels.Role role) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(Labels.ROLE, role.label());
        return all;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
