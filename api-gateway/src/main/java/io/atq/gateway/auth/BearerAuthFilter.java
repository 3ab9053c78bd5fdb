package io.atq.gateway.auth;

import io.atq.contracts.config.ClientConfig;
import io.atq.gateway.problems.ProblemWriter;
import io.atq.gateway.problems.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Lets a request through only with the bearer token of a configured client, and records that client on the exchange
 * ({@link #CLIENT}). Open without a token: health, Prometheus, the API documentation and the task board's static files.
 * Everything else is closed by default, so a route added later cannot be left open by mistake; a refusal is a 401
 * problem with {@code WWW-Authenticate: Bearer}.
 *
 * <p>A plain filter rather than Spring Security: one header to check and nothing else to configure, without the
 * framework's own headers, sessions and CSRF rules changing the answers the hostile-input tests pin down.
 */
@Component
// After body buffering (the body is read before any answer) and the Accept check.
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class BearerAuthFilter implements WebFilter {
    /** Exchange attribute holding the authenticated {@link ClientConfig}. */
    public static final String CLIENT = "io.atq.gateway.auth.client";

    private static final Logger log = LoggerFactory.getLogger(BearerAuthFilter.class);
    // Matched the way routes are, so a path cannot look open here and reach a closed handler.
    private static final List<PathPattern> OPEN = List.of(
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**",
            "/webjars/swagger-ui/**",
            // The board's page and files; the board itself calls /v1 with the token its user enters.
            "/", "/board/**").stream().map(PathPatternParser.defaultInstance::parse).toList();

    private final TokenDirectory tokens;
    private final ProblemWriter problems;

    public BearerAuthFilter(TokenDirectory tokens, ProblemWriter problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (OPEN.stream().anyMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        ClientConfig client;
        try {
            String token = BearerCredentials.token(exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION));
            client = tokens.authenticate(token).orElseThrow(() -> new AuthenticationException(
                    AuthenticationException.Kind.UNKNOWN, "the bearer token is not known here: " + BearerCredentials.HOW
                    + " with a token configured for your client"));
        } catch (AuthenticationException e) {
            log.debug("{} {} refused: {}", exchange.getRequest().getMethod(), path.value(), e.getMessage());
            return refuse(exchange, e);
        }
        log.debug("{} {} by client {}", exchange.getRequest().getMethod(), path.value(), client.id());
        exchange.getAttributes().put(CLIENT, client);
        return chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, AuthenticationException e) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                "Authentication required", e.getMessage(), exchange));
    }
}
