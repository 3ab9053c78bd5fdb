package io.atq.contracts.runtime;

import java.util.Optional;

/**
 * Keeps HTTP/1.1 keep-alive connections of both apps' servers answering. Reactor Netty 1.3.6 (Spring Boot 4.0.7's)
 * queues a request that arrives before the previous request's operations have terminated; when that queue drains
 * without dispatching a request, nothing re-arms the read, and the connection's next request waits until the client
 * gives up (reactor-netty#4347, #4361). No pipelining is needed, only a client that sends its next request promptly:
 * measured here, 85 and 134 of 20,000 sequential requests on 4 connections hung, 0 of 40,000 with {@value #PROPERTY}
 * {@code =true}, which terminates the previous operations before that check so the request is dispatched at once.
 * Reactor Netty 1.3.8 fixes the cause but needs Netty 4.2.19, whose native jars are not served to this build.
 * <p>
 * Reactor Netty reads the property once, when its HTTP handler class initialises (first connection): call
 * {@link #enable()} before the server accepts one. An explicit {@code -D} setting wins.
 */
public final class KeepAliveReads {
    /** Reactor Netty's system property. */
    public static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";

    private KeepAliveReads() {
    }

    /** Sets {@link #PROPERTY} unless set; a warning to log when it was explicitly set to something else than true. */
    public static Optional<String> enable() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit == null) {
            System.setProperty(PROPERTY, "true");
            return Optional.empty();
        }
        return Boolean.parseBoolean(explicit) ? Optional.empty()
                : Optional.of("-D" + PROPERTY + "=" + explicit + ": keep-alive connections may stop answering (reactor-netty#4361)");
    }
}
