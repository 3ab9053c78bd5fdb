package io.atq.contracts.messages;

import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * Command from a gateway: run this task. Goes to the request queue and to the task log stream in one publish.
 *
 * <p>With an idempotency key the task id is derived from {@code clientId} and the key, so two gateways receiving the
 * same submission at the same moment publish two requests with one task id. The first on the task log stream wins;
 * {@code submissionId} tells the copies apart, and a director runs only the first.
 *
 * @param taskId         the task's id, chosen by the gateway (derived from client and key when a key is given)
 * @param spec           what to run (validated by the gateway, re-validated by the director)
 * @param requestedAt    when the gateway accepted it; deadlines count from here
 * @param clientId       the authenticated client that submitted it (owner); {@code null} only in old messages
 * @param submissionId   unique per publish (a fresh UUID), so copies of one task id are told apart; {@code null} only in
 *                       old messages
 * @param idempotencyKey the client's {@code Idempotency-Key} header
 * @param requestHash    SHA-256 (hex) of the canonical request body, so a reused key with another body is refused;
 *                       {@code null} without a key
 */
public record TaskRequested(TaskId taskId, TaskSpec spec, Instant requestedAt, @Nullable String clientId, @Nullable String submissionId,
                            @Nullable String idempotencyKey, @Nullable String requestHash) implements TaskMessage {
    public TaskRequested {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** A request with no client, key or hash (tests, and messages from before tenancy). */
    public TaskRequested(TaskId taskId, TaskSpec spec, Instant requestedAt) {
        this(taskId, spec, requestedAt, null, taskId.value(), null, null);
    }

    /** The instant after which the task is past its deadline. */
    public Instant deadline() {
        return requestedAt.plus(spec.timeout());
    }
}
