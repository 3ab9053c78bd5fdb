package io.atq.gateway.auth;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the bearer token from {@code Authorization} headers (RFC 6750 §2.1). Messages never repeat the header's
 * value: it may be a real token sent with a typo.
 */
public final class BearerCredentials {
    /** {@code b64token} of RFC 6750: what a token may look like. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final String SCHEME = "bearer";
    static final String HOW = "send 'Authorization: Bearer <token>'";

    private BearerCredentials() {
    }

    /**
     * The token in {@code headers} (every {@code Authorization} value of the request).
     *
     * @throws AuthenticationException when there is none, more than one, or it is not {@code Bearer <token>}
     */
    public static String token(List<String> headers) {
        if (headers.isEmpty()) {
            throw new AuthenticationException(AuthenticationException.Kind.MISSING, "no Authorization header: " + HOW);
        }
        if (headers.size() > 1) {
            throw new AuthenticationException(AuthenticationException.Kind.MALFORMED,
                    "Authorization was given " + headers.size() + " times: " + HOW + " once");
        }
        String value = headers.getFirst().strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw new AuthenticationException(AuthenticationException.Kind.MALFORMED,
                    "the Authorization header does not use the Bearer scheme: " + HOW);
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (!TOKEN.matcher(token).matches()) {
            throw new AuthenticationException(AuthenticationException.Kind.MALFORMED,
                    "the bearer token is empty or has characters a token cannot have: " + HOW);
        }
        return token;
    }
}
