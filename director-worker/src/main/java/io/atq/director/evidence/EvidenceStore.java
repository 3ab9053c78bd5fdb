package io.atq.director.evidence;

import io.atq.contracts.tasks.TaskId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The task folders as the expiry job sees them. Several directors may work on them at once: every method is
 * idempotent, and {@link #expire} lets exactly one of them remove a folder.
 */
public interface EvidenceStore {

    /** Ids of the task folders present (names that are task ids only). */
    List<TaskId> taskIds();

    /** The text of the task's end marker, if it has one. */
    Optional<String> endMarker(TaskId taskId);

    /** Writes the end marker unless one exists. */
    void markEnded(TaskId taskId, Instant at);

    /**
     * Removes the task's folder: first moved aside atomically (only one caller wins; readers never see half a folder),
     * then deleted. {@code false} when it was already gone (another director took it).
     */
    boolean expire(TaskId taskId);

    /** Deletes what an interrupted {@link #expire} left aside; returns how many leftovers went. */
    int purgeLeftovers();
}
