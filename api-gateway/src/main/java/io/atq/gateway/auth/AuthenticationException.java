package io.atq.gateway.auth;

import org.jspecify.annotations.Nullable;

/** A request without a valid bearer token (401). Retrying helps only with a valid token. */
public final class AuthenticationException extends RuntimeException {

    /** What was wrong, and the RFC 6750 {@code error} it maps to ({@code null}: none, the client sent no credentials). */
    public enum Kind {
        MISSING(null),
        MALFORMED("invalid_request"),
        UNKNOWN("invalid_token");

        private final @Nullable String error;

        Kind(@Nullable String error) {
            this.error = error;
        }

        /** The {@code error} attribute of {@code WWW-Authenticate}. */
        public @Nullable String error() {
            return error;
        }
    }

    private final Kind kind;

    public AuthenticationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind getKind() {
        return kind;
    }

    /** The {@code WWW-Authenticate} challenge for this refusal (RFC 6750 §3). */
    public String challenge() {
        return "Bearer realm=\"atq\"" + (kind.error() == null ? "" : ", error=\"" + kind.error() + "\"");
    }

    public boolean isRetryable() {
        return false;
    }
}
