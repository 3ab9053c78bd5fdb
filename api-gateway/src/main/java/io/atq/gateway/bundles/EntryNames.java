package io.atq.gateway.bundles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns an archive entry's name into a safe relative path, or refuses it. Pure. Only plain relative names are
 * accepted: no absolute path, drive letter, backslash or {@code ..} segment (each could place a file outside the
 * bundle on some reader), no control character (they hide what a name is in logs and listings), at most
 * {@value #MAX_DEPTH} folders deep. Empty and {@code .} segments are dropped: {@code tar -C dir -c .} writes
 * {@code ./a/b}.
 */
public final class EntryNames {
    /** Deepest path accepted (segments). */
    public static final int MAX_DEPTH = 32;
    /** Longest segment, in UTF-8 bytes (Linux NAME_MAX). */
    static final int MAX_SEGMENT_BYTES = 255;
    /** Longest whole name, in UTF-8 bytes (Linux PATH_MAX). */
    static final int MAX_NAME_BYTES = 4096;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);

    private EntryNames() {
    }

    /**
     * The entry's path relative to the bundle's root ("a/b.csv"), or the empty string for the root itself ({@code ./}).
     *
     * @throws BundleRefusedException naming the entry and what is wrong with its name
     */
    public static String relativePath(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new BundleRefusedException("", "has an empty name");
        }
        String shown = printable(raw);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new BundleRefusedException(shown, "name contains a control character (U+%04X)".formatted((int) c));
            }
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new BundleRefusedException(shown, "name is longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (raw.indexOf('\\') >= 0) {
            throw new BundleRefusedException(shown, "name contains a backslash (only '/' separates folders)");
        }
        if (raw.startsWith("/")) {
            throw new BundleRefusedException(shown, "is an absolute path (names must be relative)");
        }
        if (DRIVE.matcher(raw).matches()) {
            throw new BundleRefusedException(shown, "starts with a drive letter (names must be relative)");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new BundleRefusedException(shown, "contains a '..' segment (path traversal)");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new BundleRefusedException(shown, "has a name segment longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
            segments.add(segment);
        }
        if (segments.size() > MAX_DEPTH) {
            throw new BundleRefusedException(shown, "is " + segments.size() + " levels deep (at most " + MAX_DEPTH + ")");
        }
        return String.join("/", segments);
    }

    /** The name with control characters escaped ({@code \u0000}), so a problem can quote it safely. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length() && out.length() < 300; i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) && !validPair(raw, i)) {
                out.append("\\u%04x".formatted((int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= 300 ? out.append('…').toString() : out.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
