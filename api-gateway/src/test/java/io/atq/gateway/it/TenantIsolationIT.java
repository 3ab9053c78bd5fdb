package io.atq.gateway.it;

import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A task belongs to the client that submitted it: another client gets the same 404 as for an unknown id; an admin sees all. */
class TenantIsolationIT extends GatewayTestBase {
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebTestClient teamA;
    private WebTestClient teamB;
    private String ofA;

    @BeforeEach
    void teamASubmits() {
        teamA = client(port, TEAM_A_TOKEN);
        teamB = client(port, TEAM_B_TOKEN);
        ofA = submit(teamA, TaskRequests.validBody("of-team-a"));
    }

    /** The 404 problem with the id taken out, so a foreign task's answer can be compared with an unknown id's. */
    private static JsonNode notFound(WebTestClient.RequestHeadersSpec<?> request, String id) {
        byte[] body = request.exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(new String(body).replace(id, "ID"));
    }

    @Test
    void anotherClientGetsTheSame404AsForAnUnknownTaskOnEveryRoute() {
        List<String> routes = List.of("/v1/tasks/%s", "/v1/tasks/%s/logs");
        for (String route : routes) {
            assertThat(notFound(teamB.get().uri(route.formatted(ofA)), ofA))
                    .isEqualTo(notFound(teamB.get().uri(route.formatted(UNKNOWN)), UNKNOWN));
        }
        assertThat(notFound(teamB.get().uri("/v1/tasks/{id}/events", ofA).accept(MediaType.TEXT_EVENT_STREAM), ofA))
                .isEqualTo(notFound(teamB.get().uri("/v1/tasks/{id}/events", UNKNOWN).accept(MediaType.TEXT_EVENT_STREAM), UNKNOWN));
        assertThat(notFound(teamB.delete().uri("/v1/tasks/{id}", ofA), ofA))
                .isEqualTo(notFound(teamB.delete().uri("/v1/tasks/{id}", UNKNOWN), UNKNOWN));
        teamA.get().uri("/v1/tasks/{id}", ofA).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.cancelRequested").isEqualTo(false);
    }

    @Test
    void aClientListsOnlyItsOwnTasks() {
        String ofB = submit(teamB, TaskRequests.validBody("of-team-b"));

        assertThat(ids(teamA)).contains(ofA).doesNotContain(ofB);
        assertThat(ids(teamB)).contains(ofB).doesNotContain(ofA);
    }

    @Test
    void anAdminSeesListsAndCancelsEveryClientsTasks() {
        assertThat(ids(http)).contains(ofA);
        http.get().uri("/v1/tasks/{id}", ofA).exchange().expectStatus().isOk();
        http.delete().uri("/v1/tasks/{id}", ofA).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.cancelRequested").isEqualTo(true);
    }

    @Test
    void theOwnerCancelsItsOwnTask() {
        teamA.delete().uri("/v1/tasks/{id}", ofA).exchange().expectStatus().isAccepted();
    }

    /** Every id the client may list, page by page (the list is paged with a cursor). */
    private static List<String> ids(WebTestClient client) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String uri = "/v1/tasks?limit=500" + (cursor == null ? "" : "&cursor=" + cursor);
            byte[] body = client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            var page = JSON.readTree(body);
            page.get("items").forEach(task -> ids.add(task.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }
}
