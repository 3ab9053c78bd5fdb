package io.atq.gateway.web;

import io.atq.contracts.config.ClientConfig;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client a request comes from, as far as the bundle API needs it: its id (the owner of what it uploads) and
 * whether it sees every client's bundles.
 *
 * @param clientId the authenticated client's id
 * @param admin    whether it sees and deletes every client's bundles
 */
record Caller(String clientId, boolean admin) {
    /**
     * Request attribute holding the authenticated client ({@link ClientConfig}, or its id as a String).
     * TODO(lead): point this at the attribute the authentication filter sets once it is on main.
     */
    static final String CLIENT_ATTRIBUTE = "atq.client";
    /** The caller when no authentication ran: everything is visible, as before clients existed. */
    static final Caller UNAUTHENTICATED = new Caller("anonymous", true);

    static Caller of(ServerWebExchange exchange) {
        Object client = exchange.getAttribute(CLIENT_ATTRIBUTE);
        return switch (client) {
            case ClientConfig config -> new Caller(config.id(), config.isAdmin());
            case String id -> new Caller(id, false);
            case null, default -> UNAUTHENTICATED;
        };
    }
}
