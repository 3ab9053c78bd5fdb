package io.atq.gateway.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A resolver with a fixed table: literals resolve to themselves, names only from the table (no DNS at all). */
public final class FakeHostResolver implements HostResolver {
    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();

    public FakeHostResolver answer(String name, String... literals) {
        names.put(name, java.util.Arrays.stream(literals).map(l -> IpLiterals.parse(l).orElseThrow()).toList());
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        var literal = IpLiterals.parse(host);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        List<InetAddress> addresses = names.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }
}
