package io.atq.gateway.web;

import io.atq.contracts.phase.Phase;
import io.atq.gateway.tasks.PhaseEntry;
import io.atq.gateway.tasks.TaskState;
import org.springframework.http.codec.ServerSentEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of one {@code phase} server-sent event: a phase a task entered and what the move carried.
 * The event's id is the phase's index in the task's history (0 = QUEUED), so a client can tell what it missed.
 */
public record PhaseEventView(String taskId, Phase phase, Instant at, Integer exitCode, TaskView.FailureView failure,
                             List<String> workerAddresses) {
    /** The SSE event name. */
    public static final String EVENT = "phase";

    static PhaseEventView of(String taskId, PhaseEntry entry) {
        return new PhaseEventView(taskId, entry.phase(), entry.at(), entry.exitCode(),
                TaskView.FailureView.of(entry.failure()), entry.workerAddresses());
    }

    /** The event for the history entry at {@code index}. */
    static ServerSentEvent<PhaseEventView> event(TaskState task, int index) {
        return ServerSentEvent.builder(of(task.id(), task.history().get(index)))
                .event(EVENT)
                .id(Integer.toString(index))
                .build();
    }

    /** One event per history entry from {@code from} on, in order. */
    static List<ServerSentEvent<PhaseEventView>> events(TaskState task, int from) {
        List<ServerSentEvent<PhaseEventView>> events = new ArrayList<>();
        for (int i = Math.max(0, from); i < task.history().size(); i++) {
            events.add(event(task, i));
        }
        return events;
    }
}
