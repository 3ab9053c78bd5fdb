package io.atq.gateway.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP literals without ever asking DNS ({@code InetAddress.ofLiteral} arrives only in Java 22). */
public final class IpLiterals {
    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private IpLiterals() {
    }

    /** The address written in {@code text} (brackets allowed around IPv6), or empty when it is not an IP literal. */
    public static Optional<InetAddress> parse(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // Only strings shaped like literals reach InetAddress: for those it parses and never looks anything up.
        if (!V4.matcher(t).matches() && !V6.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
