package io.atq.director.reaper;

import io.atq.contracts.phase.Phase;

/** What the reaper does about one task's objects. */
public sealed interface ReapAction {
    /** The task these objects belong to. */
    TaskObjects task();

    /** Not ours to touch now (a live owner is on it, or it runs here). */
    record Leave(TaskObjects task, String reason) implements ReapAction {
    }

    /**
     * Remove the objects.
     *
     * @param reportCleanup whether to publish TaskCleanedUp (the task is known and no complete removal was reported)
     */
    record Remove(TaskObjects task, String reason, boolean reportCleanup) implements ReapAction {
    }

    /**
     * The owner died before the task ended: claim it (generation {@code claim}), then run it on from the step after
     * {@code lastPhase} (past its deadline that run times it out), which also removes it.
     *
     * @param lastPhase    the last phase the task log shows (QUEUED if none)
     * @param deadOwner    the director whose lease expired
     * @param claim        the claim generation to create
     */
    record TakeOver(TaskObjects task, Phase lastPhase, String deadOwner, int claim) implements ReapAction {
    }
}
