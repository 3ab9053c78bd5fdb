package io.atq.gateway.web;

import io.atq.contracts.config.ClientConfig;
import io.atq.gateway.auth.BearerAuthFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client a request comes from, as far as the bundle API needs it: its id (the owner of what it uploads) and
 * whether it sees every client's bundles.
 *
 * @param clientId the authenticated client's id
 * @param admin    whether it sees and deletes every client's bundles
 */
record Caller(String clientId, boolean admin) {
    /** Request attribute holding the authenticated client ({@link ClientConfig}, or its id as a String). */
    static final String CLIENT_ATTRIBUTE = BearerAuthFilter.CLIENT;
    /**
     * The caller when no authentication ran. The filter authenticates every {@code /v1} request, so this is never
     * expected; it fails closed: it sees no one's bundles and owns nothing anyone else can see.
     */
    static final Caller UNAUTHENTICATED = new Caller("anonymous", false);

    static Caller of(ServerWebExchange exchange) {
        Object client = exchange.getAttribute(CLIENT_ATTRIBUTE);
        return switch (client) {
            case ClientConfig config -> new Caller(config.id(), config.isAdmin());
            case String id -> new Caller(id, false);
            case null, default -> UNAUTHENTICATED;
        };
    }
}
