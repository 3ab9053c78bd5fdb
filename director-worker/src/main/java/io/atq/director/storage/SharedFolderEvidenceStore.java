package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.names.SharedFolderLayout;
import io.atq.contracts.names.TaskFolderLayout;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.evidence.EvidenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link EvidenceStore} over the shared folder's {@code tasks/} ({@link SharedFolderLayout}). Expired folders are renamed
 * to {@code .expired-<id>-<nonce>}, then deleted.
 */
public final class SharedFolderEvidenceStore implements EvidenceStore {
    private static final Logger log = LoggerFactory.getLogger(SharedFolderEvidenceStore.class);
    static final String LEFTOVER_PREFIX = ".expired-";

    private final SharedFolderLayout layout;
    private final Path tasks;

    public SharedFolderEvidenceStore(AtqConfig config) {
        this.layout = config.sharedFolder();
        this.tasks = layout.tasks();
    }

    @Override
    public List<TaskId> taskIds() {
        return names(name -> TaskId.tryParse(name).isPresent()).stream().map(TaskId::parse).toList();
    }

    @Override
    public Optional<String> endMarker(TaskId taskId) {
        try {
            return Optional.of(Files.readString(layout.task(taskId).resolve(TaskFolderLayout.ENDED_AT), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the end marker of " + taskId, e);
        }
    }

    @Override
    public void markEnded(TaskId taskId, Instant at) {
        Path marker = layout.task(taskId).resolve(TaskFolderLayout.ENDED_AT);
        try {
            Files.writeString(marker, at.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            log.debug("task {}: end marker already there, or the folder went: {}", taskId, e.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    @Override
    public boolean expire(TaskId taskId) {
        Path folder = layout.task(taskId);
        Path aside = tasks.resolve(LEFTOVER_PREFIX + taskId + "-" + UUID.randomUUID());
        try {
            // rename(2) is atomic: of several directors exactly one moves the folder, the others find it gone.
            Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("the shared path does not support atomic renames: " + tasks, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + folder + " aside", e);
        }
        deleteTree(aside);
        return true;
    }

    @Override
    public int purgeLeftovers() {
        int purged = 0;
        for (String name : names(name -> name.startsWith(LEFTOVER_PREFIX))) {
            deleteTree(tasks.resolve(name));
            purged++;
        }
        return purged;
    }

    private List<String> names(java.util.function.Predicate<String> accept) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(tasks)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tasks)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (accept.test(name)) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tasks, e);
        }
    }

    /**
     * Deletes a tree without following links (a symlink a master wrote is removed, never what it points to); entries
     * already gone (a concurrent purge) are fine; what cannot be deleted now waits for the next purge.
     */
    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            log.debug("{} already gone", root);
        } catch (IOException e) {
            log.warn("cannot delete {} yet (the next pass tries again): {}", root, e.toString());
        }
    }
}
