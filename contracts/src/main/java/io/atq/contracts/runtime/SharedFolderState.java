package io.atq.contracts.runtime;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * The shared folder as {@link SharedFolderCheck} found it.
 *
 * @param folder       the folder checked
 * @param writable     whether a byte could be written
 * @param usableBytes  free space for this process, or -1 when unknown
 * @param minFreeBytes the configured floor ({@code evidence.minFreeSpace})
 * @param problem      why it cannot take evidence now, or null when it can
 */
public record SharedFolderState(Path folder, boolean writable, long usableBytes, long minFreeBytes, @Nullable String problem) {

    /** Whether tasks' evidence can be written now. */
    public boolean ready() {
        return problem == null;
    }

    /** What health shows: path, free and minimum bytes, whether writable, and the problem if any. */
    public java.util.Map<String, Object> details() {
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("path", folder.toString());
        details.put("free", usableBytes);
        details.put("minFree", minFreeBytes);
        details.put("writable", writable);
        if (problem != null) {
            details.put("problem", problem);
        }
        return details;
    }

    /** {@code bytes} as whole mebibytes for messages ("12 MiB"). */
    static String mebibytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
