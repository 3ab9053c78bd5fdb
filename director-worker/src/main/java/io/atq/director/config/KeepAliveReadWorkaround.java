package io.atq.director.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Keeps HTTP/1.1 keep-alive connections to the director's actuator (health, Prometheus) answering: the gateway's
 * {@code io.atq.gateway.web.KeepAliveReadWorkaround} explains the Reactor Netty 1.3.6 bug (reactor-netty#4347, #4361)
 * and the figures. Set before the server accepts its first connection; an explicit {@code -D} setting wins.
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
