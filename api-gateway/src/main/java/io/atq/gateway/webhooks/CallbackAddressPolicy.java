package io.atq.gateway.webhooks;

import org.jspecify.annotations.Nullable;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SSRF guard's rule: a callback may only reach public unicast addresses, unless its host (or the address) is in
 * the configured allowlist. Pure: it judges addresses someone else resolved.
 *
 * <p>Not public: unspecified ({@code 0.0.0.0/8}, {@code ::}), loopback ({@code 127/8}, {@code ::1}), private
 * ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), shared/CGNAT ({@code 100.64/10}), link-local
 * ({@code 169.254/16}, {@code fe80::/10}), IETF/documentation/benchmark ranges, multicast, reserved {@code 240/4} and
 * broadcast, IPv6 unique-local {@code fc00::/7} and site-local {@code fec0::/10}, documentation {@code 2001:db8::/32},
 * Teredo {@code 2001::/32}, discard {@code 100::/64}; IPv4 embedded in IPv6 (mapped {@code ::ffff:a.b.c.d}, compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged by its IPv4 address.
 */
public final class CallbackAddressPolicy {
    private static final List<Cidr> NOT_PUBLIC_V4 = List.of(
            Cidr.of("0.0.0.0/8"), Cidr.of("10.0.0.0/8"), Cidr.of("100.64.0.0/10"), Cidr.of("127.0.0.0/8"),
            Cidr.of("169.254.0.0/16"), Cidr.of("172.16.0.0/12"), Cidr.of("192.0.0.0/24"), Cidr.of("192.0.2.0/24"),
            Cidr.of("192.88.99.0/24"), Cidr.of("192.168.0.0/16"), Cidr.of("198.18.0.0/15"), Cidr.of("198.51.100.0/24"),
            Cidr.of("203.0.113.0/24"), Cidr.of("224.0.0.0/4"), Cidr.of("240.0.0.0/4"));
    private static final List<Cidr> NOT_PUBLIC_V6 = List.of(
            Cidr.of("::/128"), Cidr.of("::1/128"), Cidr.of("100::/64"), Cidr.of("2001::/32"), Cidr.of("2001:db8::/32"),
            Cidr.of("fc00::/7"), Cidr.of("fe80::/10"), Cidr.of("fec0::/10"), Cidr.of("ff00::/8"));
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");
    private static final Cidr V4_COMPATIBLE = Cidr.of("::/96");

    private final Set<String> allowedHosts;

    /** @param allowHosts host names or IP literals allowed even though not public (compared case-insensitively) */
    public CallbackAddressPolicy(List<String> allowHosts) {
        this.allowedHosts = allowHosts.stream().map(CallbackAddressPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Why a callback to {@code host}, resolving to {@code addresses}, must not be made; empty when it may. Allowed:
     * the host is in the allowlist, or every address is public or itself in the allowlist.
     */
    public Optional<String> refusal(String host, List<InetAddress> addresses) {
        if (allowedHosts.contains(normalise(host))) {
            return Optional.empty();
        }
        if (addresses.isEmpty()) {
            return Optional.of("host " + host + " has no address");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && !allowedHosts.contains(normalise(address.getHostAddress()))) {
                return Optional.of("host " + host + " resolves to " + address.getHostAddress()
                        + ", which is not a public address (loopback, private, link-local, reserved…)");
            }
        }
        return Optional.empty();
    }

    /** Whether the address is public unicast (see the class comment for what is not). */
    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return NOT_PUBLIC_V4.stream().noneMatch(c -> c.contains(bytes));
        }
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                return NOT_PUBLIC_V4.stream().noneMatch(c -> c.contains(embedded));
            }
            return NOT_PUBLIC_V6.stream().noneMatch(c -> c.contains(bytes));
        }
        return false;
    }

    /** The IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64, 6to4). */
    private static byte @Nullable [] embeddedIpv4(byte[] v6) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= v6[i] == 0;
        }
        mapped &= v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
        if (mapped || NAT64.contains(v6)) {
            return java.util.Arrays.copyOfRange(v6, 12, 16);
        }
        // ::/96 also holds :: and ::1, which are judged as IPv6 themselves.
        if (V4_COMPATIBLE.contains(v6) && (v6[12] | v6[13]) != 0) {
            return java.util.Arrays.copyOfRange(v6, 12, 16);
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return java.util.Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        // IP literals have several spellings (::1, 0:0::1): compare their canonical form.
        return IpLiterals.parse(h).map(InetAddress::getHostAddress).orElse(h);
    }

    /** An address block. */
    private record Cidr(byte[] network, int prefix) {
        static Cidr of(String text) {
            int slash = text.indexOf('/');
            byte[] network = IpLiterals.parse(text.substring(0, slash)).orElseThrow(() -> new IllegalArgumentException(text)).getAddress();
            return new Cidr(network, Integer.parseInt(text.substring(slash + 1)));
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
