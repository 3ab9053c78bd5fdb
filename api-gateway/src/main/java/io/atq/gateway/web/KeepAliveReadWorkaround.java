package io.atq.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Keeps HTTP/1.1 keep-alive connections answering. Reactor Netty 1.3.6 (Spring Boot 4.0.7's) queues a request that
 * arrives before the previous request's operations have terminated; when that queue drains without dispatching a
 * request, nothing re-arms the read, and the connection's next request waits until the client gives up
 * (reactor-netty#4347, #4361). No pipelining is needed, only a client that sends its next request promptly: measured
 * here, 85 and 134 of 20,000 sequential requests on 4 connections hung (a CI poller's pattern), 0 of 40,000 with
 * {@value #PROPERTY}{@code =true}, which terminates the previous operations before that check so the request is
 * dispatched at once. Reactor Netty 1.3.8 fixes the cause but needs Netty 4.2.19, whose native jars are not served to
 * this build. Set before the server accepts its first connection (the handler reads it once); an explicit
 * {@code -D} setting wins.
 */
@Component
public class KeepAliveReadWorkaround implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {
    static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";
    private static final Logger log = LoggerFactory.getLogger(KeepAliveReadWorkaround.class);

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        String explicit = System.getProperty(PROPERTY);
        if (explicit == null) {
            System.setProperty(PROPERTY, "true");
        } else if (!Boolean.parseBoolean(explicit)) {
            log.warn("-D{}={}: keep-alive connections may stop answering (reactor-netty#4361)", PROPERTY, explicit);
        }
    }
}
