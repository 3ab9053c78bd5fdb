package io.atq.director.orchestration;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The task's folder under the shared path (layout: {@link io.atq.contracts.names.TaskFolderLayout}): its
 * {@code results/} is mounted into the master; the director writes the logs and the end marker next to it.
 * Every method throws {@link java.io.UncheckedIOException} when the file system refuses.
 */
public interface TaskFiles {

    /** Creates (if needed) the task's folder and its {@code results/} folder; returns the task's folder. */
    Path createTaskFolder(String taskId);

    /** Appends these lines (each ended by {@code \n}) to {@code master.log} and makes them visible to readers at once. */
    void appendMasterLog(String taskId, List<String> lines);

    /** How many lines {@code master.log} holds (0 when there is none). */
    int masterLogLines(String taskId);

    /** Writes {@code workers/worker-<slot>.log}, replacing an earlier one. */
    void writeWorkerLog(String taskId, int slot, String log);

    /** Writes the end marker {@code ended-at} unless one exists (the first writer's time counts). */
    void markEnded(String taskId, Instant at);
}
