package io.atq.gateway.tasks;

import io.atq.contracts.messages.TaskRequested;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * Who submitted a task and with which request: taken from the first {@link TaskRequested} of its id on the task log.
 *
 * @param clientId       the owner; {@code null} for requests from before tenancy (visible to admins only)
 * @param submissionId   tells apart two publishes of one task id (two gateways, one idempotency key)
 * @param idempotencyKey the client's {@code Idempotency-Key}
 * @param requestHash    SHA-256 of the canonical request; {@code null} when no key was given
 */
public record Submission(@Nullable String clientId, String submissionId, @Nullable String idempotencyKey,
                         @Nullable String requestHash) {

    /** The submission a request describes; an old request without a submission id counts as its task id's. */
    public static Submission of(TaskRequested requested) {
        String submission = requested.submissionId() != null ? requested.submissionId() : requested.taskId().value();
        return new Submission(requested.clientId(), submission, requested.idempotencyKey(), requested.requestHash());
    }

    /** Whether {@code other} is this very publish (the same submission id). */
    public boolean isSamePublish(Submission other) {
        return submissionId.equals(other.submissionId);
    }

    /** Whether {@code other} asked for the same thing: the same client and the same request hash. */
    public boolean isSameRequest(Submission other) {
        return requestHash != null && Objects.equals(clientId, other.clientId) && requestHash.equals(other.requestHash);
    }
}
