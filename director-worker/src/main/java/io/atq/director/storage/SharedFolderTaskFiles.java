package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.names.TaskFolderLayout;
import io.atq.director.orchestration.TaskFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** {@link TaskFiles} in {@code <sharedPath>/tasks/<id>/} on the local file system (the shared mount on every node). */
public final class SharedFolderTaskFiles implements TaskFiles {
    private static final Logger log = LoggerFactory.getLogger(SharedFolderTaskFiles.class);
    /** The master's log inside the task folder. */
    public static final String MASTER_LOG = TaskFolderLayout.MASTER_LOG;

    private final AtqConfig config;

    public SharedFolderTaskFiles(AtqConfig config) {
        this.config = config;
    }

    @Override
    public Path createTaskFolder(String taskId) {
        Path folder = config.taskFolder(taskId);
        try {
            Files.createDirectories(folder.resolve(TaskFolderLayout.RESULTS));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    @Override
    public void appendMasterLog(String taskId, List<String> lines) {
        Path file = config.taskFolder(taskId).resolve(MASTER_LOG);
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            // One write of whole lines: a reader tailing the file never sees half a line from us.
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    @Override
    public int masterLogLines(String taskId) {
        Path file = config.taskFolder(taskId).resolve(MASTER_LOG);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lines = 0;
            int c;
            // Count '\n' only, as the lines were split: readLine() would also split on a lone '\r'.
            while ((c = reader.read()) >= 0) {
                if (c == '\n') {
                    lines++;
                }
            }
            return lines;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void writeWorkerLog(String taskId, int slot, String text) {
        Path folder = config.taskFolder(taskId).resolve(TaskFolderLayout.WORKERS);
        Path file = folder.resolve(TaskFolderLayout.workerLog(slot));
        try {
            Files.createDirectories(folder);
            // Written aside, then moved: a reader sees the old file or the whole new one.
            Path partial = Files.createTempFile(folder, ".worker-" + slot, ".tmp");
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("task {}: wrote {} ({} bytes)", taskId, file, text.length());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void markEnded(String taskId, Instant at) {
        Path file = config.taskFolder(taskId).resolve(TaskFolderLayout.ENDED_AT);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, at.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            log.debug("task {}: end marker already written", taskId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
