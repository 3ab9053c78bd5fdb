package io.atq.director.orchestration;

import io.atq.contracts.tasks.TaskId;

/** Tells a run whether a client cancelled its task (the director's ledger of the task log answers it). */
@FunctionalInterface
public interface CancelSignal {
    /** Whether the task was cancelled. */
    boolean isCancelled(TaskId taskId);
}
