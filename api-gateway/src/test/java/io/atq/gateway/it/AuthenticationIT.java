package io.atq.gateway.it;

import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every /v1 request needs a configured client's bearer token; health, metrics and the API documentation stay open. */
class AuthenticationIT extends GatewayTestBase {

    /** Asserts the 401 problem; returns its body. */
    private byte[] assertUnauthorized(WebTestClient.ResponseSpec answer, String challenge, String says) {
        return answer.expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:atq:problem:unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains(says))
                .returnResult().getResponseBody();
    }

    @Test
    void refusesARequestWithoutATokenAndPublishesNothing() {
        long before = requestQueueDepth();

        assertUnauthorized(client(port, null).post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TaskRequests.validBody()).exchange(), "Bearer realm=\"atq\"", "no Authorization header");
        assertUnauthorized(client(port, null).get().uri("/v1/tasks").exchange(), "Bearer realm=\"atq\"", "no Authorization header");

        assertThat(requestQueueDepth()).isEqualTo(before);
    }

    @Test
    void refusesAnUnknownTokenWithoutEchoingIt() {
        byte[] body = assertUnauthorized(client(port, "not-a-configured-token").get().uri("/v1/tasks").exchange(),
                "Bearer realm=\"atq\", error=\"invalid_token\"", "not known");

        assertThat(new String(body)).doesNotContain("not-a-configured-token");
    }

    @Test
    void refusesAnotherSchemeOrAMalformedHeader() {
        assertUnauthorized(http.get().uri("/v1/images").header(HttpHeaders.AUTHORIZATION, "Basic ZGV2OmRldg==").exchange(),
                "Bearer realm=\"atq\", error=\"invalid_request\"", "Bearer scheme");
        assertUnauthorized(http.get().uri("/v1/images").header(HttpHeaders.AUTHORIZATION, "Bearer two words").exchange(),
                "Bearer realm=\"atq\", error=\"invalid_request\"", "characters");
    }

    @Test
    void closesEveryOtherPathByDefault() {
        assertUnauthorized(client(port, null).get().uri("/v1/tasks/00000000-0000-4000-8000-000000000000/events").exchange(),
                "Bearer realm=\"atq\"", "Authorization");
        assertUnauthorized(client(port, null).get().uri("/actuator/env").exchange(), "Bearer realm=\"atq\"", "Authorization");
    }

    @Test
    void leavesHealthMetricsAndTheApiDocumentOpen() {
        WebTestClient anonymous = client(port, null);

        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
        anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        anonymous.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
                .jsonPath("$.paths['/v1/tasks'].post.responses['401']").exists();
        String ui = anonymous.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        anonymous.get().uri(ui).exchange().expectStatus().isOk();
        anonymous.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk();
    }

    @Test
    void letsEachConfiguredClientIn() {
        for (String token : new String[] {DEV_TOKEN, TEAM_A_TOKEN, TEAM_B_TOKEN}) {
            client(port, token).get().uri("/v1/images").exchange().expectStatus().isOk();
        }
    }
}
