package io.atq.gateway.problems;

import io.atq.contracts.tasks.TaskId;

import java.time.Instant;

/** The task's logs and results were removed after the retention period (410). */
public final class EvidenceExpiredException extends RuntimeException {
    private final Instant expiredAt;

    public EvidenceExpiredException(TaskId taskId, Instant expiredAt) {
        super("the logs and results of task " + taskId + " were kept until " + expiredAt + " (evidence.retention) and are gone");
        this.expiredAt = expiredAt;
    }

    public Instant getExpiredAt() {
        return expiredAt;
    }
}
