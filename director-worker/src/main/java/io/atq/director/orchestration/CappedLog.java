package io.atq.director.orchestration;

import org.jspecify.annotations.Nullable;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lines of one log file on their way to it, under a size cap, in batches (memory stays at one batch, whatever the
 * log's size):
 * <ul>
 *   <li>a line is kept while the file (its {@code \n} included) stays within {@code maxBytes}; the first line that
 *       would pass it, and every later one, is dropped and counted, so the file is always a prefix of the log;</li>
 *   <li>{@link #finish()} then appends one last line saying where the log was cut and how much was left out (that line
 *       is the only thing past the cap);</li>
 *   <li>the first write that fails stops every later write (no gaps in the file) and is remembered;</li>
 *   <li>{@link #finish()} returns what is missing, one sentence per problem, naming the file.</li>
 * </ul>
 * Not thread-safe.
 */
final class CappedLog {
    /** Lines per write at most. */
    private static final int BATCH_LINES = 4096;
    /** Bytes per write at most (about). */
    private static final long BATCH_BYTES = 256 * 1024;

    private final String name;
    private final long maxBytes;
    private final Consumer<List<String>> out;
    private final List<String> batch = new ArrayList<>();
    private long batchBytes;
    private long bytes;
    private long droppedBytes;
    private long droppedLines;
    private long unwrittenLines;
    private @Nullable String writeFailure;

    /**
     * @param name     the file, for the problems ({@code master.log}, {@code workers/worker-2.log})
     * @param maxBytes the cap
     * @param bytes    what the file holds already
     * @param out      writes lines (each ended by {@code \n}); throws {@link UncheckedIOException} when it cannot
     */
    CappedLog(String name, long maxBytes, long bytes, Consumer<List<String>> out) {
        this.name = name;
        this.maxBytes = maxBytes;
        this.bytes = bytes;
        this.out = out;
    }

    /** One line (without its {@code \n}). */
    void add(String line) {
        long size = utf8Length(line) + 1;
        if (droppedLines > 0 || bytes + size > maxBytes) {
            droppedLines++;
            droppedBytes += size;
            return;
        }
        bytes += size;
        batch.add(line);
        batchBytes += size;
        if (batch.size() >= BATCH_LINES || batchBytes >= BATCH_BYTES) {
            flush();
        }
    }

    /** Whether lines are being dropped (the cap was reached): a caller may skip work on later lines then. */
    boolean truncated() {
        return droppedLines > 0;
    }

    /** Whether a write failed (every later one is skipped). */
    boolean failed() {
        return writeFailure != null;
    }

    /** Why the first failed write failed. */
    @Nullable String failure() {
        return writeFailure;
    }

    /** The file, as problems name it. */
    String name() {
        return name;
    }

    /** Writes the lines added so far. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        write(List.copyOf(batch));
        batch.clear();
        batchBytes = 0;
    }

    /**
     * Writes what is left, then the truncation line if lines were dropped.
     *
     * @return what is missing from the file, one sentence each; empty when it holds the whole log
     */
    List<String> finish() {
        flush();
        List<String> problems = new ArrayList<>();
        if (droppedLines > 0) {
            write(List.of("[atq] log truncated at " + maxBytes + " bytes: " + droppedBytes + " more bytes in " + droppedLines
                    + " lines left out"));
            problems.add(name + ": truncated at " + maxBytes + " bytes, " + droppedBytes + " bytes in " + droppedLines
                    + " lines left out");
        }
        if (writeFailure != null) {
            problems.add(name + ": cannot write: " + writeFailure
                    + (unwrittenLines > 0 ? " (" + unwrittenLines + " lines not written)" : ""));
        }
        return problems;
    }

    private void write(List<String> lines) {
        if (writeFailure != null) {
            unwrittenLines += lines.size();
            return;
        }
        try {
            out.accept(lines);
        } catch (UncheckedIOException e) {
            writeFailure = reason(e);
            unwrittenLines += lines.size();
        }
    }

    /** The file system's own words ("No space left on device", "Is a directory"), without the path. */
    static String reason(UncheckedIOException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof java.nio.file.FileSystemException fs) {
            // Its message starts with the director's own path; the reason is the file system's words, when it has any.
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
        }
        return String.valueOf(cause.getMessage());
    }

    /** The UTF-8 length of a string without encoding it (the files are UTF-8; a lone surrogate is written as '?'). */
    static long utf8Length(String s) {
        long length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
