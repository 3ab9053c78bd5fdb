package io.atq.director.orchestration;

import java.nio.file.Path;

/** The task's folder under the shared path: created before the master runs, receives the master's log. */
public interface TaskFiles {

    /**
     * Creates (if needed) and returns the task's folder.
     *
     * @throws java.io.UncheckedIOException when it cannot be created
     */
    Path createTaskFolder(String taskId);

    /**
     * Writes {@code master.log} into the task's folder.
     *
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    void writeMasterLog(String taskId, String log);
}
