package io.atq.director.it;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SuccessfulTaskIT extends DirectorITSupport {
    @Autowired
    WebTestClient web;

    @Test
    void threeWorkersAndAMasterThatReachesThemSucceedAndAreRemoved() throws Exception {
        TaskRequested request = demoTask(3, Map.of("MODE", "ok", "TEST_NAME", "it-success"));
        publish(request);

        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), RUN_LIMIT);
        TaskCleanedUp cleanedUp = tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45));

        assertThat(phaseNames(events)).containsExactly("PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER",
                "RUNNING", "COLLECTING", "SUCCEEDED");
        TaskPhaseChanged succeeded = events.getLast();
        assertThat(succeeded.exitCode()).isZero();
        assertThat(succeeded.director()).isEqualTo("it-director");
        assertThat(succeeded.workerAddresses()).hasSize(3).allMatch(a -> a.matches("10\\.[0-9.]+"));
        // One node here: every container ran on it, named by its hostname as Swarm knows it.
        String node = DockerClientFactory.instance().client().infoCmd().exec().getName();
        assertThat(succeeded.nodes()).containsOnlyKeys("worker-1", "worker-2", "worker-3", "master").containsValue(node)
                .allSatisfy((container, host) -> assertThat(host).isEqualTo(node));
        assertThat(cleanedUp.complete()).isTrue();

        Path folder = SHARED_PATH.resolve("tasks").resolve(request.taskId().value());
        String masterLog = Files.readString(folder.resolve("master.log"));
        assertThat(masterLog.lines().filter(l -> l.startsWith("reached ")).count()).as(masterLog).isEqualTo(3);
        assertThat(masterLog).contains("summary reached=3 total=3", "ATQ_TASK_ID=" + request.taskId());
        assertThat(Files.readString(folder.resolve("results").resolve("result.txt"))).contains("reached=3", "status=completed", "test=it-success");

        System.out.printf("[timing] %s: RUNNING +%d ms, SUCCEEDED +%d ms, cleaned up +%d ms after TaskRequested%n",
                request.taskId(), millis(request, at(events, Phase.RUNNING)), millis(request, succeeded.at()),
                millis(request, cleanedUp.at()));
    }

    @Test
    void healthShowsTheBrokerDockerAsSwarmManagerEveryImageAndTheCaughtUpTaskLog() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.rabbit.status").isEqualTo("UP")
                .jsonPath("$.components.docker.status").isEqualTo("UP")
                .jsonPath("$.components.docker.details.manager").isEqualTo(true)
                .jsonPath("$.components.images.status").isEqualTo("UP")
                .jsonPath("$.components.images.details.missing").isEmpty()
                .jsonPath("$.components.images.details.images.length()").isEqualTo(3)
                .jsonPath("$.components.taskLog.status").isEqualTo("UP");
    }

    private static java.time.Instant at(List<TaskPhaseChanged> events, Phase phase) {
        return events.stream().filter(e -> e.phase() == phase).findFirst().orElseThrow().at();
    }

    private static long millis(TaskRequested request, java.time.Instant at) {
        return Duration.between(request.requestedAt(), at).toMillis();
    }
}
