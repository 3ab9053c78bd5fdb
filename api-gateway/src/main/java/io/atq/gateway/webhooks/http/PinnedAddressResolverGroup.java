package io.atq.gateway.webhooks.http;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * A Netty resolver that answers for one host only, with the addresses the SSRF guard already checked: the connection
 * goes where the check looked, so DNS rebinding between check and connect cannot redirect it. Any other name fails.
 */
final class PinnedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {
    private final String host;
    private final List<InetAddress> addresses;

    PinnedAddressResolverGroup(String host, List<InetAddress> addresses) {
        this.host = host.toLowerCase(Locale.ROOT);
        this.addresses = List.copyOf(addresses);
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String name, Promise<InetAddress> promise) {
                if (matches(name)) {
                    promise.setSuccess(addresses.getFirst());
                } else {
                    promise.setFailure(unknown(name));
                }
            }

            @Override
            protected void doResolveAll(String name, Promise<List<InetAddress>> promise) {
                if (matches(name)) {
                    promise.setSuccess(addresses);
                } else {
                    promise.setFailure(unknown(name));
                }
            }
        });
    }

    private boolean matches(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).equals(host) && !addresses.isEmpty();
    }

    private UnknownHostException unknown(String name) {
        return new UnknownHostException(name + " is not the checked host " + host);
    }
}
