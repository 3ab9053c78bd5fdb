package io.atq.director.support;

import io.atq.director.orchestration.TaskFiles;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Task folders in memory. */
public final class FakeTaskFiles implements TaskFiles {
    private final Journal journal;
    private final Map<String, String> masterLogs = new HashMap<>();

    public FakeTaskFiles(Journal journal) {
        this.journal = journal;
    }

    @Override
    public Path createTaskFolder(String taskId) {
        journal.add("folder " + taskId);
        return Path.of("/shared/tasks", taskId);
    }

    @Override
    public synchronized void writeMasterLog(String taskId, String log) {
        masterLogs.put(taskId, log);
        journal.add("master.log");
    }

    public synchronized String masterLog(String taskId) {
        return masterLogs.get(taskId);
    }
}
