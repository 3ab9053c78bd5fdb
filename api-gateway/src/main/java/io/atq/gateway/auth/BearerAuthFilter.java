package io.atq.gateway.auth;

import io.atq.contracts.config.ClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Lets a request through only with the bearer token of a configured client, and records that client on the exchange
 * ({@link #CLIENT}). Open without a token: health, Prometheus and the API documentation. Everything else is closed by
 * default, so a route added later cannot be left open by mistake; a refusal is a 401 problem with
 * {@code WWW-Authenticate: Bearer}.
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
    private static final ResolvableType PROBLEM = ResolvableType.forClass(ProblemDetail.class);
    // Matched the way routes are, so a path cannot look open here and reach a closed handler.
    private static final List<PathPattern> OPEN = List.of(
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**",
            "/webjars/swagger-ui/**").stream().map(PathPatternParser.defaultInstance::parse).toList();

    private final TokenDirectory tokens;
    private final HttpMessageWriter<ProblemDetail> writer;

    @SuppressWarnings("unchecked")
    public BearerAuthFilter(TokenDirectory tokens, ServerCodecConfigurer codecs) {
        this.tokens = tokens;
        this.writer = (HttpMessageWriter<ProblemDetail>) codecs.getWriters().stream()
                .filter(w -> w.canWrite(PROBLEM, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec writes " + MediaType.APPLICATION_PROBLEM_JSON));
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setType(URI.create("urn:atq:problem:unauthorized"));
        problem.setTitle("Authentication required");
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        return writer.write(Mono.just(problem), PROBLEM, MediaType.APPLICATION_PROBLEM_JSON, exchange.getResponse(), Map.of());
    }
}
