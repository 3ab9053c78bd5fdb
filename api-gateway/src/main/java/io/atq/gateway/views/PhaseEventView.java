package io.atq.gateway.views;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.gateway.tasks.PhaseEntry;
import io.atq.gateway.tasks.TaskState;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data of one {@code phase} server-sent event: a phase a task entered and what the move carried (failure
 * messages scrubbed of secret arg values).
 * The event's id is the phase's index in the task's history (0 = QUEUED). Every gateway replays the same task log
 * into the same history, so ids are the same on every gateway and a client resuming with {@code Last-Event-ID}
 * may reconnect to any of them.
 *
 * @param images the image each role ran, as this move reported it (role → a reference pinned to its registry digest, {@code repo@sha256:…}, or a local image id), else empty
 * @param evidence on the terminal phase, whether the task's logs were kept whole and what is missing (else null)
 * @param nodes the node each container ran on ({@code worker-<slot>}, {@code master} → the Swarm node's hostname), as
 *              this move reported it (from {@code RUNNING} on), else empty
 * @param summary on the terminal phase, what the master reported in {@code results/summary.json} (else null)
 * @param results on the terminal phase, the headline of the merged results with every threshold's outcome (else null)
 */
public record PhaseEventView(String taskId, Phase phase, Instant at, @Nullable Integer exitCode, TaskView.@Nullable FailureView failure,
                             List<String> workerAddresses, Map<String, String> images,
                             @Schema(nullable = true, description = "On the terminal phase: whether the task's evidence "
                                     + "was kept whole; null on other phases")
                             TaskView.@Nullable EvidenceView evidence, Map<String, String> nodes,
                             @Schema(nullable = true, description = "On the terminal phase: what the master reported in "
                                     + "results/summary.json; null otherwise")
                             TaskView.@Nullable SummaryView summary,
                             @Schema(nullable = true, description = "On the terminal phase: the headline of the merged "
                                     + "results with every threshold's outcome; null otherwise")
                             TaskView.@Nullable ResultsHeadlineView results) {
    /** The SSE event name. */
    public static final String EVENT = "phase";

    static PhaseEventView of(TaskState task, PhaseEntry entry, SecretArgs secrets) {
        return new PhaseEventView(task.id().value(), entry.phase(), entry.at(), entry.exitCode(),
                TaskView.FailureView.of(entry.failure(), task.spec(), secrets), entry.workerAddresses(),
                TaskView.sorted(entry.images()), TaskView.EvidenceView.of(entry.evidence(), task.spec(), secrets),
                TaskView.sorted(entry.nodes()), TaskView.SummaryView.of(entry.summary()),
                TaskView.ResultsHeadlineView.of(entry.resultsHeadline(), task.spec(), secrets));
    }

    /** The event for the history entry at {@code index}. */
    public static ServerSentEvent<PhaseEventView> event(TaskState task, int index, SecretArgs secrets) {
        return ServerSentEvent.builder(of(task, task.history().get(index), secrets))
                .event(EVENT)
                .id(Integer.toString(index))
                .build();
    }

    /** One event per history entry from {@code from} on, in order. */
    public static List<ServerSentEvent<PhaseEventView>> events(TaskState task, int from, SecretArgs secrets) {
        List<ServerSentEvent<PhaseEventView>> events = new ArrayList<>();
        for (int i = Math.max(0, from); i < task.history().size(); i++) {
            events.add(event(task, i, secrets));
        }
        return events;
    }
}
