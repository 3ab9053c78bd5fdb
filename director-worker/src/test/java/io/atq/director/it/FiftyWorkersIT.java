package io.atq.director.it;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task at the configured {@code maxReplicas} (50, as the default YAML): every worker is discovered — the addresses
 * come from Swarm's record of the tasks, not from DNS, whose UDP answer holds only ~16 of them — and the master
 * reaches every one.
 */
class FiftyWorkersIT extends DirectorITSupport {
    /** atq-it.yaml's limits.maxReplicas. */
    private static final int WORKERS = 50;
    /** 50 containers start in ~9-17 s on this 2-core machine (docker CLI); the phase budgets are the defaults (2 min each). */
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(6);

    @Test
    void fiftyWorkersAreAllDiscoveredAndReachedByTheMaster() throws Exception {
        TaskRequested request = new TaskRequested(TaskId.random(),
                new TaskSpec("it", new WorkerSpec("atq/demo-worker:1", WORKERS, Map.of("MODE", "ok", "TEST_NAME", "it-fifty"), 8080),
                        new MasterSpec("atq/demo-master:1", Map.of("MODE", "ok", "TEST_NAME", "it-fifty")), TASK_TIMEOUT),
                Instant.now());
        publish(request);

        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), TASK_TIMEOUT);

        assertThat(phaseNames(events)).as(events.getLast().toString()).containsExactly("PROVISIONING", "STARTING_WORKERS",
                "DISCOVERING", "STARTING_MASTER", "RUNNING", "COLLECTING", "SUCCEEDED");
        List<String> addresses = events.stream().filter(e -> e.phase() == Phase.STARTING_MASTER).findFirst().orElseThrow().workerAddresses();
        assertThat(addresses).hasSize(WORKERS).doesNotHaveDuplicates().allMatch(a -> a.matches("10\\.[0-9.]+"));

        String masterLog = Files.readString(SHARED_PATH.resolve("tasks").resolve(request.taskId().value()).resolve("master.log"));
        assertThat(masterLog).as(masterLog).contains("summary reached=" + WORKERS + " total=" + WORKERS);
        assertThat(masterLog.lines().filter(l -> l.startsWith("reached ")).map(l -> l.substring("reached ".length())))
                .containsExactlyInAnyOrderElementsOf(addresses);

        System.out.printf("[numbers] %d workers: STARTING_WORKERS %d ms, DISCOVERING %d ms, POST -> SUCCEEDED %d ms%n", WORKERS,
                between(events, Phase.STARTING_WORKERS, Phase.DISCOVERING), between(events, Phase.DISCOVERING, Phase.STARTING_MASTER),
                Duration.between(request.requestedAt(), events.getLast().at()).toMillis());
    }

    private static long between(List<TaskPhaseChanged> events, Phase from, Phase to) {
        return Duration.between(at(events, from), at(events, to)).toMillis();
    }

    private static Instant at(List<TaskPhaseChanged> events, Phase phase) {
        return events.stream().filter(e -> e.phase() == phase).findFirst().orElseThrow().at();
    }
}
