package io.atq.gateway.idempotency;

import io.atq.gateway.tasks.Submission;

/**
 * How a keyed submission ends, judged against the FIRST request of its task id on the task log — the one every
 * gateway and every director treats as the task.
 */
public enum SubmissionVerdict {
    /** Ours is the first: the task is ours, answer 202. */
    OURS,
    /** Another publish came first with the same client and request: answer 202 for that task (a replay). */
    REPLAY,
    /** Another publish came first with a different request under the same key: 422. */
    CONFLICT;

    /** Judges {@code ours} against {@code first}, the first request of the task id on the log. */
    public static SubmissionVerdict judge(Submission first, Submission ours) {
        if (first.isSamePublish(ours)) {
            return OURS;
        }
        return first.isSameRequest(ours) ? REPLAY : CONFLICT;
    }
}
