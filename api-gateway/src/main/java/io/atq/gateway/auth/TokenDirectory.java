package io.atq.gateway.auth;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The configured clients, found by the SHA-256 of a presented bearer token. Only hashes are kept: the configuration
 * never holds a token, so neither does memory beyond the request being checked.
 */
public final class TokenDirectory {
    private record Entry(byte[] hash, ClientConfig client) {
    }

    private final List<Entry> entries;

    /**
     * @throws ConfigException when no client is configured: such a gateway could only ever answer 401
     */
    public TokenDirectory(AtqConfig config) {
        if (config.clients().isEmpty()) {
            throw new ConfigException(config.source(), 0, "clients", "no API clients are configured, so every request "
                    + "would be refused: add at least one {id, role, tokenSha256} (printf %s \"$TOKEN\" | sha256sum)");
        }
        this.entries = config.clients().stream()
                .map(client -> new Entry(HexFormat.of().parseHex(client.tokenSha256()), client))
                .toList();
    }

    /** The client whose token this is, if any. */
    public Optional<ClientConfig> authenticate(String token) {
        byte[] presented = sha256(token);
        ClientConfig found = null;
        // Every entry is compared, each in constant time, so the answer's timing says nothing about near misses.
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented)) {
                found = entry.client();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The lower-case hex SHA-256 of a token, as {@code tokenSha256} is written in the configuration. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
