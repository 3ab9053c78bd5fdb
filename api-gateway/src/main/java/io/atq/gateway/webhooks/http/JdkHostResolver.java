package io.atq.gateway.webhooks.http;

import io.atq.gateway.webhooks.HostResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The JVM's resolver ({@code /etc/hosts}, then DNS); IP literals are parsed, not looked up. Blocks: not on an event loop. */
public final class JdkHostResolver implements HostResolver {
    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
