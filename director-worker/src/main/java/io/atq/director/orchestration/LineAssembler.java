package io.atq.director.orchestration;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a byte stream delivered in arbitrary chunks into complete lines (split on {@code \n} only, as
 * {@link #split(String)} does), decoding each line whole so a UTF-8 character cut between two chunks survives.
 * Not thread-safe.
 */
final class LineAssembler {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** The lines this chunk completes (without their {@code \n}). */
    List<String> feed(byte[] chunk) {
        List<String> lines = new ArrayList<>();
        for (byte b : chunk) {
            if (b == '\n') {
                lines.add(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b);
            }
        }
        return lines;
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
