package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;
import io.atq.director.orchestration.TaskFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link TaskFiles} in {@code <sharedPath>/tasks/<id>/} on the local file system (the shared mount on every node). */
public final class SharedFolderTaskFiles implements TaskFiles {
    private static final Logger log = LoggerFactory.getLogger(SharedFolderTaskFiles.class);
    /** The master's log inside the task folder. */
    public static final String MASTER_LOG = "master.log";

    private final AtqConfig config;

    public SharedFolderTaskFiles(AtqConfig config) {
        this.config = config;
    }

    @Override
    public Path createTaskFolder(String taskId) {
        Path folder = config.taskFolder(taskId);
        try {
            Files.createDirectories(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    @Override
    public void writeMasterLog(String taskId, String text) {
        Path file = config.taskFolder(taskId).resolve(MASTER_LOG);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            log.info("task {}: wrote {} ({} bytes)", taskId, file, text.length());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
