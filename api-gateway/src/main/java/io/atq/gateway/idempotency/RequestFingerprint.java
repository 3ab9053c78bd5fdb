package io.atq.gateway.idempotency;

import io.atq.contracts.messages.TaskSpec;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a parsed request in a canonical form: JSON of the {@link TaskSpec} with properties and map keys
 * sorted. Hashing what was parsed, not the bytes sent, makes whitespace, key order and equal spellings
 * ({@code PT600S} = {@code PT10M}, a left-out timeout = the default) the same request; every field of the spec counts,
 * including ones added later.
 */
public final class RequestFingerprint {
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private RequestFingerprint() {
    }

    /** Lower-case hex SHA-256 of the canonical JSON of {@code spec}. */
    public static String of(TaskSpec spec) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(spec)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The canonical JSON itself (what is hashed), for tests and diagnosis. */
    static String canonical(TaskSpec spec) {
        return CANONICAL.writeValueAsString(spec);
    }
}
