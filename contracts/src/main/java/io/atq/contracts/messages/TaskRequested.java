package io.atq.contracts.messages;

import java.time.Instant;
import java.util.Objects;

/**
 * Command from a gateway: run this task. Goes to the request queue and to the task log stream in one publish.
 *
 * @param taskId      the task's id, chosen by the gateway
 * @param spec        what to run (validated by the gateway, re-validated by the director)
 * @param requestedAt when the gateway accepted it; deadlines count from here
 */
public record TaskRequested(String taskId, TaskSpec spec, Instant requestedAt) implements TaskMessage {
    /** Type id on the wire. */
    public static final String TYPE_ID = "task-requested.v1";

    public TaskRequested {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** The instant after which the task is past its deadline. */
    public Instant deadline() {
        return requestedAt.plus(spec.timeout());
    }
}
