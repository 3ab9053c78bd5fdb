package io.atq.director.it;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An image's placement rules reach Swarm, and replicas no node can take fail the task at once, not at its deadline. */
class PlacementIT {
    private static final Duration RUN = Duration.ofSeconds(90);

    private static UnaryOperator<String> workerPlacement(String placement) {
        return yaml -> yaml.replace("  - imageName: atq/demo-worker:1\n", "  - imageName: atq/demo-worker:1\n    placement: " + placement + "\n");
    }

    @Test
    void theWorkerServiceCarriesMaxReplicasConstraintsAndSpreadPreferences() throws Exception {
        String placement = "{maxReplicasPerNode: 2, constraints: ['node.role==manager'], spreadOver: [node.labels.zone]}";
        try (IsolatedDirector director = new IsolatedDirector(workerPlacement(placement), Map.of())) {
            TaskRequested task = DirectorITSupport.demoTask(2, Map.of("MODE", "ok", "TEST_NAME", "it", "DURATION", "5"));
            director.publish(task);

            director.tap.awaitPhase(task.taskId(), Phase.RUNNING, RUN);
            String spec = inspect("atq-" + task.taskId() + "-workers");
            assertThat(spec).contains("\"MaxReplicas\":2").contains("\"Constraints\":[\"node.role==manager\"]")
                    .contains("\"SpreadDescriptor\":\"node.labels.zone\"");
            assertThat(director.tap.awaitTerminal(task.taskId(), RUN)).last().extracting(TaskPhaseChanged::phase).isEqualTo(Phase.SUCCEEDED);
            director.tap.awaitCleanedUp(task.taskId(), RUN);
        }
    }

    @Test
    void workersNoNodeCanTakeFailTheTaskAtOnceNamingThePlacement() throws Exception {
        // One node here: two replicas at most one per node cannot both be placed; nor can any on a node label nobody has.
        for (String placement : List.of("{maxReplicasPerNode: 1}", "{constraints: ['node.labels.atq-test-none==yes']}")) {
            try (IsolatedDirector director = new IsolatedDirector(workerPlacement(placement), Map.of())) {
                TaskRequested task = DirectorITSupport.demoTask(2, Map.of("MODE", "ok", "TEST_NAME", "it", "DURATION", "5"));
                director.publish(task);

                List<TaskPhaseChanged> phases = director.tap.awaitTerminal(task.taskId(), RUN);
                TaskPhaseChanged end = phases.getLast();
                assertThat(end.phase()).isEqualTo(Phase.FAILED);
                assertThat(end.failure().cause()).isEqualTo(FailureCause.INFRA);
                assertThat(end.failure().message()).contains("cannot be placed").contains("no suitable node");
                // Fails fast: far inside the 2-minute workers-running budget.
                Instant startedWorkers = phases.stream().filter(p -> p.phase() == Phase.STARTING_WORKERS).findFirst().orElseThrow().at();
                assertThat(Duration.between(startedWorkers, end.at())).isLessThan(Duration.ofSeconds(30));
                await().atMost(RUN).until(() -> director.tap.cleanedUp(task.taskId()).isPresent());
            }
        }
    }

    private static String inspect(String service) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("docker", "service", "inspect", "--format", "{{json .Spec.TaskTemplate.Placement}}", service)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
