package io.atq.director.support;

import io.atq.director.orchestration.TaskFiles;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Task folders in memory. */
public final class FakeTaskFiles implements TaskFiles {
    private final Journal journal;
    private final Map<String, List<String>> masterLogs = new HashMap<>();
    private final Map<String, Map<Integer, String>> workerLogs = new HashMap<>();
    private final Map<String, Instant> ended = new HashMap<>();

    public FakeTaskFiles(Journal journal) {
        this.journal = journal;
    }

    @Override
    public Path createTaskFolder(String taskId) {
        journal.add("folder " + taskId);
        return Path.of("/shared/tasks", taskId);
    }

    @Override
    public synchronized void appendMasterLog(String taskId, List<String> lines) {
        boolean first = !masterLogs.containsKey(taskId);
        masterLogs.computeIfAbsent(taskId, id -> new ArrayList<>()).addAll(lines);
        if (first) {
            journal.add("master.log");
        }
    }

    @Override
    public synchronized int masterLogLines(String taskId) {
        return masterLogs.getOrDefault(taskId, List.of()).size();
    }

    @Override
    public synchronized void writeWorkerLog(String taskId, int slot, String log) {
        workerLogs.computeIfAbsent(taskId, id -> new TreeMap<>()).put(slot, log);
        journal.add("worker-" + slot + ".log");
    }

    @Override
    public synchronized void markEnded(String taskId, Instant at) {
        ended.putIfAbsent(taskId, at);
        journal.add("ended-at");
    }

    /** master.log as a text (lines ended by newlines), or null when none was written. */
    public synchronized String masterLog(String taskId) {
        List<String> lines = masterLogs.get(taskId);
        return lines == null ? null : lines.stream().map(line -> line + "\n").reduce("", String::concat);
    }

    public synchronized Map<Integer, String> workerLogs(String taskId) {
        return Map.copyOf(workerLogs.getOrDefault(taskId, Map.of()));
    }

    public synchronized Instant endedAt(String taskId) {
        return ended.get(taskId);
    }
}
