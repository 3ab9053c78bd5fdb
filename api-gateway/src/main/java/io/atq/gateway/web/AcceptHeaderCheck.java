package io.atq.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Answers a request whose {@code Accept} header is not a list of media types with a 400 problem, before any handler
 * runs. Left to Spring, such a request is handled (a task published) and then fails while its answer is rendered,
 * leaving an empty body or Boot's error JSON.
 */
@Component
// After RequestBodyBuffering, so the body of a request refused here has been read first.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AcceptHeaderCheck implements WebFilter {
    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<ProblemDetail> writer;

    @SuppressWarnings("unchecked")
    public AcceptHeaderCheck(ServerCodecConfigurer codecs) {
        this.writer = (HttpMessageWriter<ProblemDetail>) codecs.getWriters().stream()
                .filter(w -> w.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec writes " + MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> accept = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ACCEPT);
        try {
            MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            InvalidRequestException invalid = InvalidRequestException.of("Invalid request header", HttpHeaders.ACCEPT,
                    "'" + String.join(", ", accept) + "' is not a list of media types (e.g. application/json)");
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return writer.write(Mono.just(ProblemHandler.invalidProblem(invalid, exchange)), PROBLEM,
                    MediaType.APPLICATION_PROBLEM_JSON, exchange.getResponse(), Map.of());
        }
        return chain.filter(exchange);
    }
}
