package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.names.TaskFolderLayout;
import io.atq.contracts.results.SummaryFile;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.orchestration.LogFile;
import io.atq.director.orchestration.TaskFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
    public Path createTaskFolder(TaskId taskId, int workers) {
        Path folder = config.sharedFolder().task(taskId);
        try {
            Files.createDirectories(folder.resolve(TaskFolderLayout.RESULTS));
            // Swarm binds results/workers/{{.Task.Slot}} into each worker, and a bind source must exist beforehand
            // (else the engine refuses the container: "bind source path does not exist"). Made as results/ is, by
            // this director, so a container user that can write results/ can write its own folder too. A takeover
            // makes them again after a master (which writes results/) may have run: no link is followed.
            Path workersRoot = folder.resolve(TaskFolderLayout.WORKER_RESULTS);
            createFolder(workersRoot);
            for (int slot = 1; slot <= workers; slot++) {
                createFolder(folder.resolve(TaskFolderLayout.workerResults(slot)));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    /** Makes {@code folder} unless it exists; something else in its place (a link a container made) is refused. */
    private static void createFolder(Path folder) throws IOException {
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(folder + " exists and is not a folder", e);
            }
        }
    }

    @Override
    public LogFile appendToMasterLog(TaskId taskId) {
        Path file = config.sharedFolder().task(taskId).resolve(MASTER_LOG);
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new ChannelLogFile(file, channel, () -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    @Override
    public long masterLogLines(TaskId taskId) {
        Path file = config.sharedFolder().task(taskId).resolve(MASTER_LOG);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long lines = 0;
            int n;
            // Count '\n' only, as the lines were split ('\n' is never part of another UTF-8 character).
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
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
    public long masterLogBytes(TaskId taskId) {
        Path file = config.sharedFolder().task(taskId).resolve(MASTER_LOG);
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public LogFile writeWorkerLog(TaskId taskId, int slot) {
        Path folder = config.sharedFolder().task(taskId).resolve(TaskFolderLayout.WORKERS);
        Path file = folder.resolve(TaskFolderLayout.workerLog(slot));
        try {
            Files.createDirectories(folder);
            // Written aside, then moved: a reader sees the old file or the whole new one.
            Path partial = Files.createTempFile(folder, ".worker-" + slot, ".tmp");
            FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
            return new ChannelLogFile(partial, channel, () -> {
                try {
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    log.info("task {}: wrote {} ({} bytes)", taskId, file, Files.size(file));
                } catch (IOException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** What closing a log file does after its channel is closed. */
    @FunctionalInterface
    private interface Completion {
        void run() throws IOException;
    }

    /** Lines appended to an open channel, one write per batch: a reader tailing the file never sees half a line from us. */
    private record ChannelLogFile(Path file, FileChannel channel, Completion completion) implements LogFile {
        @Override
        public void append(List<String> lines) {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line).append('\n'));
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
                completion.run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    @Override
    public Optional<byte[]> readSummary(TaskId taskId, int maxBytes) {
        Path file = config.sharedFolder().task(taskId).resolve(SummaryFile.PATH);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(in.readNBytes(maxBytes + 1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void markEnded(TaskId taskId, Instant at) {
        Path file = config.sharedFolder().task(taskId).resolve(TaskFolderLayout.ENDED_AT);
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
