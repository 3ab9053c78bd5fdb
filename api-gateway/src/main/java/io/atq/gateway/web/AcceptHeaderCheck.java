package io.atq.gateway.web;

import io.atq.gateway.problems.InvalidRequestException;
import io.atq.gateway.problems.ProblemHandler;
import io.atq.gateway.problems.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Answers a request whose {@code Accept} header is not a list of media types with a 400 problem, before any handler
 * runs. Left to Spring, such a request is handled (a task published) and then fails while its answer is rendered,
 * leaving an empty body or Boot's error JSON.
 */
@Component
// After RequestBodyBuffering, so the body of a request refused here has been read first.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AcceptHeaderCheck implements WebFilter {
    private final ProblemWriter problems;

    public AcceptHeaderCheck(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> accept = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ACCEPT);
        try {
            MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            InvalidRequestException invalid = InvalidRequestException.of("Invalid request header", HttpHeaders.ACCEPT,
                    "'" + String.join(", ", accept) + "' is not a list of media types (e.g. application/json)");
            return problems.write(exchange, HttpStatus.BAD_REQUEST, ProblemHandler.invalidProblem(invalid, exchange));
        }
        return chain.filter(exchange);
    }
}
