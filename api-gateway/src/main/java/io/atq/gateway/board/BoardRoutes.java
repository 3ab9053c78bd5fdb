package io.atq.gateway.board;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.EntityResponse;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;

/**
 * Serves the task board from the jar: {@code GET /} is its page, {@code /board/**} its files. Only these two paths:
 * Boot's global static mapping stays off ({@code spring.web.resources.add-mappings: false}), so every other unknown
 * path is still a plain 404 problem. Both are open without a token (see {@code BearerAuthFilter}); the page asks for
 * the token and sends it on every {@code /v1} call itself.
 *
 * <p>Every answer carries a strict Content-Security-Policy (only this origin, no inline script or style), so a task
 * name or log line shown on the board can never run as code, and {@code nosniff}. {@code no-cache} lets a browser keep
 * the files but revalidate them ({@link BoardETags}), so a new gateway's board is picked up at once without versioned
 * file names.
 */
@Configuration(proxyBeanMethods = false)
public class BoardRoutes {
    /** Where the board's files are inside the jar. */
    static final String LOCATION = "board/";
    /** The policy the page runs under: scripts, styles and fetches from this origin only. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    public RouterFunction<ServerResponse> boardRouter() {
        return routes();
    }

    /** The board's routes, also for a test without the application context. */
    public static RouterFunction<ServerResponse> routes() {
        Resource location = new ClassPathResource(LOCATION);
        Resource index = new ClassPathResource(LOCATION + "index.html");
        return RouterFunctions.route(GET("/").or(HEAD("/")), request -> EntityResponse.fromObject(index).contentType(MediaType.TEXT_HTML).build()
                        .cast(ServerResponse.class))
                .and(RouterFunctions.resources("/board/**", location))
                .filter(new BoardETags())
                .filter(securityHeaders());
    }

    private static HandlerFilterFunction<ServerResponse, ServerResponse> securityHeaders() {
        return (request, next) -> {
            // Set on the exchange before the handler writes: a ServerResponse's own headers are copied over these.
            HttpHeaders headers = request.exchange().getResponse().getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
            return next.handle(request);
        };
    }
}
