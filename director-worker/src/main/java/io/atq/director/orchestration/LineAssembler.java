package io.atq.director.orchestration;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a byte stream delivered in arbitrary chunks into complete lines (split on {@code \n} only, as
 * {@link #split(String)} does), decoding each line whole so a UTF-8 character cut between two chunks survives.
 * Holds at most one line: a line longer than {@link #MAX_LINE_BYTES} is cut into pieces of that size, so a master
 * that writes megabytes without a newline cannot make the director hold them (the cut is by byte count alone, so
 * every read of the same log cuts it the same way). Not thread-safe.
 */
final class LineAssembler {
    /** The longest line kept whole; longer ones become several lines. */
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final int maxLineBytes;

    LineAssembler() {
        this(MAX_LINE_BYTES);
    }

    LineAssembler(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** The lines this chunk completes (without their {@code \n}). */
    List<String> feed(byte[] chunk) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < chunk.length) {
            int room = maxLineBytes - pending.size();
            int end = Math.min(chunk.length, from + room);
            int newline = indexOf(chunk, (byte) '\n', from, end);
            if (newline >= 0) {
                pending.write(chunk, from, newline - from);
                lines.add(take());
                from = newline + 1;
            } else {
                pending.write(chunk, from, end - from);
                from = end;
                if (pending.size() >= maxLineBytes) {
                    lines.add(take());
                }
            }
        }
        return lines;
    }

    /** The last line when the log did not end with {@code \n} (call once the stream ended). */
    Optional<String> rest() {
        return pending.size() == 0 ? Optional.empty() : Optional.of(take());
    }

    private String take() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return line;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The lines of a whole text, split exactly as {@link #feed} splits (a last line without {@code \n} included). */
    static List<String> split(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // "a\nb\n" splits into a, b and an empty rest: that rest is no line.
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }
}
