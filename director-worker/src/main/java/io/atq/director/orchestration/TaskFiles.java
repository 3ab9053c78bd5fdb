package io.atq.director.orchestration;

import io.atq.contracts.tasks.TaskId;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The task's folder under the shared path (layout: {@link io.atq.contracts.names.TaskFolderLayout}): its
 * {@code results/} is mounted into the master, each {@code results/workers/<slot>/} into that worker; the director
 * writes the logs, the end marker and the results' summary next to {@code results/}.
 * Every method throws {@link java.io.UncheckedIOException} when the file system refuses.
 */
public interface TaskFiles {

    /**
     * Creates (if needed) the task's folder, its {@code results/} folder and one {@code results/workers/<slot>/} for
     * each of the {@code workers} (slots 1 to {@code workers}); returns the task's folder.
     */
    Path createTaskFolder(TaskId taskId, int workers);

    /** Opens {@code master.log} for appending (created if missing); each append is visible to readers at once. */
    LogFile appendToMasterLog(TaskId taskId);

    /** How many lines {@code master.log} holds (0 when there is none); counted without reading the file whole. */
    long masterLogLines(TaskId taskId);

    /** How many bytes {@code master.log} holds (0 when there is none). */
    long masterLogBytes(TaskId taskId);

    /**
     * Opens {@code workers/worker-<slot>.log} to be written anew: the lines go to a file aside, and closing moves it
     * into place (replacing an earlier one), so a reader sees the old file or the whole new one.
     */
    LogFile writeWorkerLog(TaskId taskId, int slot);

    /**
     * The first {@code maxBytes + 1} bytes of the master's {@code results/summary.json} (more than {@code maxBytes}:
     * the file is too large), or empty when there is none. A link is not followed: the master wrote the folder.
     */
    Optional<byte[]> readSummary(TaskId taskId, int maxBytes);

    /** Writes the end marker {@code ended-at} unless one exists (the first writer's time counts). */
    void markEnded(TaskId taskId, Instant at);
}
