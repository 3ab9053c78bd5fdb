package io.atq.gateway.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a callback URL's host into the addresses a connection would go to (tests inject a fake: no DNS leaves the machine). */
@FunctionalInterface
public interface HostResolver {

    /**
     * Every address of {@code host} (an IP literal resolves to itself, without a lookup).
     *
     * @throws UnknownHostException when the name does not resolve (may succeed later: retryable)
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
