package io.atq.gateway.problems;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

import java.net.URI;

/** Builds the gateway's RFC 9457 problems: a stable {@code type} per kind of error and the request path as instance. */
public final class Problems {
    /** Prefix of every problem type this gateway defines. */
    public static final String TYPE_PREFIX = "urn:atq:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, @Nullable String detail, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return problem;
    }
}
