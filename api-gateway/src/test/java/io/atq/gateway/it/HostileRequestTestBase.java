package io.atq.gateway.it;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends one hostile request and checks its refusal: the status, a problem naming the field, nothing published. */
abstract class HostileRequestTestBase extends GatewayTestBase {

    @BeforeEach
    void emptyRequestQueue() {
        purgeRequests();
    }

    /**
     * @param field the {@code errors[].field} the problem must name, or {@code null} where no field applies
     * @return the problem's body, for further checks
     */
    WebTestClient.BodyContentSpec assertRefused(WebTestClient.RequestHeadersSpec<?> request, int status, String field) {
        long before = requestQueueDepth();
        WebTestClient.BodyContentSpec problem = request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty();
        if (field != null) {
            problem.jsonPath("$.errors[*].field").value(List.class, fields -> assertThat(fields).contains(field));
        }
        assertThat(requestQueueDepth()).as("nothing published").isEqualTo(before);
        return problem;
    }

    /** A {@code POST /v1/tasks} of these bytes as {@code application/json}. */
    WebTestClient.RequestHeadersSpec<?> post(byte[] body) {
        return http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
