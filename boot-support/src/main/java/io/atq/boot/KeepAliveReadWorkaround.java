package io.atq.boot;

import io.atq.contracts.runtime.KeepAliveReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Applies {@link KeepAliveReads} (a Reactor Netty 1.3.6 keep-alive bug) before the server accepts a connection.
 * Each app declares it as a bean.
 */
public final class KeepAliveReadWorkaround implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {
    private static final Logger log = LoggerFactory.getLogger(KeepAliveReadWorkaround.class);

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        KeepAliveReads.enable().ifPresent(log::warn);
    }
}
