package io.atq.director.support;

import io.atq.contracts.names.TaskFolderLayout;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.orchestration.LogFile;
import io.atq.director.orchestration.TaskFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Task folders in memory. */
public final class FakeTaskFiles implements TaskFiles {
    private final Journal journal;
    private final Map<TaskId, List<String>> masterLogs = new HashMap<>();
    private final Map<TaskId, Map<Integer, String>> workerLogs = new HashMap<>();
    private final Map<TaskId, Instant> ended = new HashMap<>();
    private final Map<TaskId, byte[]> summaries = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();

    public FakeTaskFiles(Journal journal) {
        this.journal = journal;
    }

    @Override
    public Path createTaskFolder(TaskId taskId, int workers) {
        journal.add("folder " + taskId + " workers " + workers);
        return Path.of("/shared/tasks", taskId.value());
    }

    /** Appends these lines to master.log directly (a log another director began). */
    public synchronized void appendMasterLog(TaskId taskId, List<String> lines) {
        boolean first = !masterLogs.containsKey(taskId);
        masterLogs.computeIfAbsent(taskId, id -> new ArrayList<>()).addAll(lines);
        if (first) {
            journal.add("master.log");
        }
    }

    /** Makes every later write of this file ({@code master.log}, {@code workers/worker-1.log}) fail with {@code reason}. */
    public synchronized FakeTaskFiles failingWrites(String file, String reason) {
        failures.put(file, reason);
        return this;
    }

    @Override
    public synchronized LogFile appendToMasterLog(TaskId taskId) {
        return new FakeLogFile(TaskFolderLayout.MASTER_LOG, lines -> appendMasterLog(taskId, lines), () -> { });
    }

    @Override
    public synchronized long masterLogLines(TaskId taskId) {
        return masterLogs.getOrDefault(taskId, List.of()).size();
    }

    @Override
    public synchronized long masterLogBytes(TaskId taskId) {
        return masterLogs.getOrDefault(taskId, List.of()).stream()
                .mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    }

    @Override
    public synchronized LogFile writeWorkerLog(TaskId taskId, int slot) {
        StringBuilder text = new StringBuilder();
        return new FakeLogFile(TaskFolderLayout.WORKERS + "/" + TaskFolderLayout.workerLog(slot),
                lines -> lines.forEach(line -> text.append(line).append('\n')),
                () -> {
                    synchronized (this) {
                        workerLogs.computeIfAbsent(taskId, id -> new TreeMap<>()).put(slot, text.toString());
                        journal.add("worker-" + slot + ".log");
                    }
                });
    }

    /** A file whose writes fail once {@link #failingWrites} names it; closing publishes what was written. */
    private final class FakeLogFile implements LogFile {
        private final String name;
        private final Consumer<List<String>> out;
        private final Runnable onClose;

        FakeLogFile(String name, Consumer<List<String>> out, Runnable onClose) {
            this.name = name;
            this.out = out;
            this.onClose = onClose;
        }

        @Override
        public void append(List<String> lines) {
            String reason;
            synchronized (FakeTaskFiles.this) {
                reason = failures.get(name);
            }
            if (reason != null) {
                throw new UncheckedIOException("cannot write " + name, new IOException(reason));
            }
            out.accept(lines);
        }

        @Override
        public void close() {
            onClose.run();
        }
    }

    @Override
    public synchronized Optional<byte[]> readSummary(TaskId taskId, int maxBytes) {
        byte[] bytes = summaries.get(taskId);
        return bytes == null ? Optional.empty() : Optional.of(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, maxBytes + 1)));
    }

    /** What the master "wrote" to results/summary.json. */
    public synchronized void writeSummary(TaskId taskId, String json) {
        summaries.put(taskId, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void markEnded(TaskId taskId, Instant at) {
        ended.putIfAbsent(taskId, at);
        journal.add("ended-at");
    }

    /** master.log as a text (lines ended by newlines), or null when none was written. */
    public synchronized String masterLog(TaskId taskId) {
        List<String> lines = masterLogs.get(taskId);
        return lines == null ? null : lines.stream().map(line -> line + "\n").reduce("", String::concat);
    }

    public synchronized Map<Integer, String> workerLogs(TaskId taskId) {
        return Map.copyOf(workerLogs.getOrDefault(taskId, Map.of()));
    }

    public synchronized Instant endedAt(TaskId taskId) {
        return ended.get(taskId);
    }
}
