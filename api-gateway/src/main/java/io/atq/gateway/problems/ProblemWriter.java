package io.atq.gateway.problems;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Writes a problem from a web filter, where no handler (and so no {@link ProblemHandler}) runs: with the codecs the
 * handlers use, so a filter's refusal looks exactly like a handler's.
 */
@Component
public class ProblemWriter {
    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<ProblemDetail> writer;

    @SuppressWarnings("unchecked")
    public ProblemWriter(ServerCodecConfigurer codecs) {
        this.writer = (HttpMessageWriter<ProblemDetail>) codecs.getWriters().stream()
                .filter(w -> w.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec writes " + MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** Answers the exchange with {@code problem} as {@code application/problem+json}; headers set before stay. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ProblemDetail problem) {
        exchange.getResponse().setStatusCode(status);
        return writer.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, exchange.getResponse(), Map.of());
    }
}
