package io.atq.gateway.tasks;

import io.atq.contracts.tasks.InvalidTaskIdException;
import io.atq.contracts.tasks.TaskId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a page of a task list ended: the sort key (creation time, task id) of its last task. A client sees it as an
 * opaque base64url token. The token also carries a fingerprint of the query's filters and a check over the whole, so
 * a cursor replayed with other filters, cut short or edited is refused (400) instead of silently listing something
 * else. The check is not a secret: forging a valid cursor only moves the start of a page, which any query can do.
 *
 * @param createdAt the last listed task's creation time
 * @param taskId    the last listed task's id
 */
public record PageCursor(Instant createdAt, TaskId taskId) {
    /** The query parameter the cursor travels in. */
    public static final String PARAMETER = "cursor";

    private static final String VERSION = "c1";
    private static final char SEPARATOR = '|';
    private static final int CHECK_BYTES = 8;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The cursor after {@code task}. */
    public static PageCursor after(TaskState task) {
        return new PageCursor(task.createdAt(), task.id());
    }

    /** Whether {@code task} comes after this position in list order (newest first, then by id; see {@link TaskQuery#ORDER}). */
    public boolean precedes(TaskState task) {
        int byTime = task.createdAt().compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && task.id().compareTo(taskId) > 0);
    }

    /** The token for this cursor within a query whose filters have {@code fingerprint}. */
    public String encode(String fingerprint) {
        String body = VERSION + SEPARATOR + createdAt + SEPARATOR + taskId + SEPARATOR + fingerprint;
        return ENCODER.encodeToString((body + SEPARATOR + check(body)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor in {@code token}, issued for a query whose filters have {@code fingerprint}.
     *
     * @throws InvalidQueryException naming {@value #PARAMETER} when the token is malformed, altered or from another query
     */
    public static PageCursor decode(String token, String fingerprint) {
        String text;
        try {
            text = new String(DECODER.decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a cursor this gateway issued (not base64url)");
        }
        String[] parts = text.split(Pattern.quote(String.valueOf(SEPARATOR)), -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw invalid("is not a cursor this gateway issued");
        }
        String body = String.join(String.valueOf(SEPARATOR), Arrays.copyOf(parts, 4));
        if (!check(body).equals(parts[4])) {
            throw invalid("was altered or cut short");
        }
        if (!parts[3].equals(fingerprint)) {
            throw invalid("belongs to a query with other filters (phase, label): repeat the same filters with it");
        }
        try {
            return new PageCursor(Instant.parse(parts[1]), TaskId.parse(parts[2]));
        } catch (DateTimeParseException | InvalidTaskIdException e) {
            throw invalid("is not a cursor this gateway issued");
        }
    }

    private static InvalidQueryException invalid(String message) {
        return new InvalidQueryException(PARAMETER, message);
    }

    private static String check(String body) {
        return ENCODER.encodeToString(Arrays.copyOf(sha256(body), CHECK_BYTES));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
