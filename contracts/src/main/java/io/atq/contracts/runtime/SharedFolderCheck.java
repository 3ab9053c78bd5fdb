package io.atq.contracts.runtime;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the shared folder can take a task's evidence: it exists, a byte can be written to it, and it has at least
 * {@code evidence.minFreeSpace} free. Used by both apps' health and by the director before it takes requests.
 * A write is tried (and removed) because free space alone does not tell a read-only mount, a full inode table or a
 * folder the process may not write.
 */
public final class SharedFolderCheck {
    private static final String PROBE_PREFIX = ".atq-write-check-";

    private SharedFolderCheck() {
    }

    /**
     * The state of {@code folder} now.
     *
     * @param minFreeBytes the free space below which the folder counts as full
     */
    public static SharedFolderState check(Path folder, long minFreeBytes) {
        if (!Files.isDirectory(folder)) {
            return new SharedFolderState(folder, false, -1, minFreeBytes, "shared folder " + folder + " does not exist");
        }
        long usable;
        try {
            usable = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return new SharedFolderState(folder, false, -1, minFreeBytes, "cannot read the free space of shared folder " + folder + ": " + e);
        }
        String writeProblem = tryWrite(folder);
        // Full first: on a full file system the write fails too ("No space left on device"), and "full" says more.
        if (usable < minFreeBytes) {
            return new SharedFolderState(folder, writeProblem == null, usable, minFreeBytes, "shared folder " + folder + " is full: "
                    + SharedFolderState.mebibytes(usable) + " free, below evidence.minFreeSpace " + SharedFolderState.mebibytes(minFreeBytes));
        }
        if (writeProblem != null) {
            return new SharedFolderState(folder, false, usable, minFreeBytes, "shared folder " + folder + " is not writable: " + writeProblem);
        }
        return new SharedFolderState(folder, true, usable, minFreeBytes, null);
    }

    private static @Nullable String tryWrite(Path folder) {
        Path probe = null;
        try {
            probe = Files.createTempFile(folder, PROBE_PREFIX, ".tmp");
            Files.write(probe, new byte[] {'.'});
            return null;
        } catch (IOException | SecurityException e) {
            String message = e.getMessage();
            // FileSystemException's message is "<file>: <reason>"; the reason is what an operator needs.
            return e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                    : message == null ? e.getClass().getSimpleName() : message;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // A leftover probe file is a byte; the next check tries again with a new name.
                }
            }
        }
    }
}
