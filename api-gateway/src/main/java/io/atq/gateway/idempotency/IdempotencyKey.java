package io.atq.gateway.idempotency;

import io.atq.contracts.tasks.TaskId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A client's {@code Idempotency-Key}: 1–255 printable ASCII characters. The same key from the same client always
 * names the same task ({@link #taskId(String)}), so two gateways receiving one submission at the same moment agree on
 * its id without talking to each other.
 *
 * @param value the key as sent
 */
public record IdempotencyKey(String value) {
    /** The HTTP header. */
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be 1-" + MAX_LENGTH + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("must be printable ASCII (space to '~'); character " + (i + 1) + " is not");
            }
        }
    }

    /**
     * The key among a request's {@code Idempotency-Key} header values.
     *
     * @return empty when the header is absent
     * @throws IllegalArgumentException when it is given more than once or is not a valid key
     */
    public static Optional<IdempotencyKey> from(List<String> headerValues) {
        if (headerValues.isEmpty()) {
            return Optional.empty();
        }
        if (headerValues.size() > 1) {
            throw new IllegalArgumentException("must be given once, was given " + headerValues.size() + " times");
        }
        return Optional.of(new IdempotencyKey(headerValues.getFirst()));
    }

    /**
     * The task id of this key for {@code clientId}: a version-8 UUID (RFC 9562, custom) from the first 16 bytes of
     * SHA-256(clientId + "\n" + key). The newline cannot occur in a client id, so no two (client, key) pairs share
     * an input.
     */
    public TaskId taskId(String clientId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest((clientId + "\n" + value).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80); // version 8
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // variant 10 (RFC 9562)
        String hex = HexFormat.of().formatHex(hash, 0, 16);
        return new TaskId(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32));
    }
}
