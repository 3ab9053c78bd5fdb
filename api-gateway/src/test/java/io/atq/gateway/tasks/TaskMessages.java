package io.atq.gateway.tasks;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;

import io.atq.contracts.tasks.TaskId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fixtures: messages about one task, at times counted in seconds from a fixed start. */
final class TaskMessages {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final String DIRECTOR = "director-1";

    private TaskMessages() {
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static TaskSpec spec() {
        return new TaskSpec("load", new WorkerSpec("atq/demo-worker:1", 3, Map.of("MODE", "node"), 8080),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")), Duration.ofMinutes(10));
    }

    static TaskRequested requested(TaskId id, int seconds) {
        return new TaskRequested(id, spec(), at(seconds));
    }

    static TaskPhaseChanged moved(TaskId id, Phase phase, int seconds) {
        return TaskPhaseChanged.of(id, phase, at(seconds), DIRECTOR);
    }

    /** A complete successful run, in log order, after the request. */
    static List<TaskPhaseChanged> successfulRun(TaskId id) {
        return List.of(moved(id, Phase.PROVISIONING, 1), moved(id, Phase.STARTING_WORKERS, 2),
                moved(id, Phase.DISCOVERING, 3),
                new TaskPhaseChanged(id, Phase.STARTING_MASTER, at(4), DIRECTOR, List.of("10.0.0.2", "10.0.0.3"), null, null),
                moved(id, Phase.RUNNING, 5), moved(id, Phase.COLLECTING, 6),
                new TaskPhaseChanged(id, Phase.SUCCEEDED, at(7), DIRECTOR, List.of(), 0, null));
    }
}
