package io.atq.contracts.config;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * One API client: who a bearer token belongs to and what it may do. Only the token's SHA-256 is configured: API tokens
 * are long random strings, so a fast hash is enough (a slow password hash guards guessable secrets, which these are not).
 *
 * @param id                client id; owner of the tasks it submits
 * @param role              {@link ClientRole}
 * @param tokenSha256       lower-case hex SHA-256 of the bearer token
 * @param webhookSecret     Standard Webhooks signing secret ({@code whsec_} + base64 key); {@code null}: no callbacks
 * @param maxActiveTasks    most non-terminal tasks at once (429 beyond)
 * @param maxActiveReplicas most workers over all its non-terminal tasks (429 beyond)
 */
public record ClientConfig(String id, ClientRole role, String tokenSha256, @Nullable String webhookSecret,
                           int maxActiveTasks, int maxActiveReplicas) {
    public ClientConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tokenSha256, "tokenSha256");
    }

    /** Whether this client sees every client's tasks. */
    public boolean isAdmin() {
        return role == ClientRole.ADMIN;
    }
}
