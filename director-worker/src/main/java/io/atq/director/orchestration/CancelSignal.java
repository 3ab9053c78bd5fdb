package io.atq.director.orchestration;

/** Tells a run whether a client cancelled its task (the director's ledger of the task log answers it). */
@FunctionalInterface
public interface CancelSignal {
    /** Whether the task was cancelled. */
    boolean isCancelled(String taskId);
}
