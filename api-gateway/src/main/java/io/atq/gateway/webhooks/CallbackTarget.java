package io.atq.gateway.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A callback URL that passed the SSRF guard, with the addresses it was checked against: the connection must go to
 * one of these (not to a fresh lookup, which DNS rebinding could point elsewhere).
 */
public record CallbackTarget(URI uri, String host, List<InetAddress> addresses) {
    public CallbackTarget {
        addresses = List.copyOf(addresses);
    }
}
