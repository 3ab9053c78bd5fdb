package io.atq.gateway.evidence;

import io.atq.contracts.names.TaskFolderLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One task's folder ({@link TaskFolderLayout}) as written by the directors: where its logs and results are.
 *
 * @param root the task's folder, {@link io.atq.contracts.names.SharedFolderLayout#task}
 */
public record TaskFolder(Path root) {

    public Path masterLog() {
        return root.resolve(TaskFolderLayout.MASTER_LOG);
    }

    public Path results() {
        return root.resolve(TaskFolderLayout.RESULTS);
    }

    public Path workers() {
        return root.resolve(TaskFolderLayout.WORKERS);
    }

    /** The summary of the results the director merged, written when the task ended. */
    public Path resultsSummary() {
        return root.resolve(TaskFolderLayout.RESULTS_SUMMARY);
    }

    /** Whether the merged results summary exists (a regular file, not a link). */
    public boolean hasResultsSummary() {
        return Files.isRegularFile(resultsSummary(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether the master's log exists (a regular file, not a link). */
    public boolean hasMasterLog() {
        return Files.isRegularFile(masterLog(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The workers' logs by slot, in slot order; empty while they are not collected. */
    public Map<Integer, Path> workerLogs() {
        Map<Integer, Path> logs = new TreeMap<>();
        if (!Files.isDirectory(workers(), LinkOption.NOFOLLOW_LINKS)) {
            return logs;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(workers())) {
            for (Path entry : entries) {
                int slot = TaskFolderLayout.slotOf(entry.getFileName().toString());
                if (slot >= 0 && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    logs.put(slot, entry);
                }
            }
            return logs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + workers(), e);
        }
    }
}
