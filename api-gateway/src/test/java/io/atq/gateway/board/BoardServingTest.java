package io.atq.gateway.board;

import io.atq.gateway.TestConfigs;
import io.atq.gateway.auth.BearerAuthFilter;
import io.atq.gateway.auth.TokenDirectory;
import io.atq.gateway.problems.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/** The board's page and files are served from the jar without a token, under a strict policy; the API stays closed. */
class BoardServingTest {
    private final WebTestClient http = WebTestClient
            .bindToRouterFunction(BoardRoutes.routes()
                    .and(RouterFunctions.route(GET("/v1/tasks"), request -> ServerResponse.ok().bodyValue("{}"))))
            .webFilter(new BearerAuthFilter(new TokenDirectory(TestConfigs.load()), new ProblemWriter(ServerCodecConfigurer.create())))
            .build();

    @Test
    void servesThePageAtTheRootWithoutATokenUnderAStrictContentSecurityPolicy() {
        http.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("default-src 'self'", "connect-src 'self'", "script-src 'self'", "style-src 'self'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"))
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("<main", "type=\"module\"", "/board/app.js").doesNotContain("<script>", "style="));
        // A HEAD (link checkers, curl -I) gets the page's headers, not a 404.
        http.head().uri("/").exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    @Test
    void servesTheScriptsAndStylesWithTheirContentTypes() {
        http.get().uri("/board/app.js").exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CONTENT_TYPE, type -> assertThat(type).contains("javascript"))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().exists("Content-Security-Policy");
        http.get().uri("/board/board.css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
    }

    @Test
    void answersARevalidationOfAnUnchangedFileWith304() {
        String etag = http.get().uri("/board/app.js").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getETag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        http.get().uri("/board/app.js").header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectHeader().exists("Content-Security-Policy");
        http.get().uri("/").header(HttpHeaders.IF_NONE_MATCH, "\"other\"").exchange()
                .expectStatus().isOk()
                .expectHeader().exists(HttpHeaders.ETAG);
    }

    @Test
    void answersAnUnknownBoardFileWith404() {
        http.get().uri("/board/x").exchange().expectStatus().isNotFound();
        http.get().uri("/board/../application.yaml").exchange().expectStatus().isNotFound();
    }

    @Test
    void keepsTheApiBehindTheBearerToken() {
        http.get().uri("/v1/tasks").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge).startsWith("Bearer"));
        http.get().uri("/v1/tasks").header(HttpHeaders.AUTHORIZATION, "Bearer team-a-token").exchange()
                .expectStatus().isOk();
    }
}
