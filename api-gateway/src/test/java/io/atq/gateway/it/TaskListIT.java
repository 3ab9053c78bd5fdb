package io.atq.gateway.it;

import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** CI labels over HTTP: shown in the view, filtering the list, which pages by cursor; secret args masked. */
class TaskListIT extends GatewayTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void listsByLabelPageByPageFollowingTheCursorAndTheLinkHeader() {
        String run = UUID.randomUUID().toString();
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submit(http, labelled(run, i % 2 == 0 ? "main" : "dev")));
        }
        List<String> main = List.of(submitted.get(4), submitted.get(2), submitted.get(0));

        JsonNode first = page("/v1/tasks?label=run:" + run + "&label=branch:main&phase=QUEUED&limit=2", main.subList(0, 2));
        String link = http.get().uri("/v1/tasks?label=run:" + run + "&label=branch:main&phase=QUEUED&limit=2").exchange()
                .returnResult(String.class).getResponseHeaders().getFirst(HttpHeaders.LINK);
        assertThat(link).isEqualTo("</v1/tasks?label=run:" + run + "&label=branch:main&phase=QUEUED&limit=2&cursor="
                + first.get("nextCursor").asString() + ">; rel=\"next\"");

        JsonNode last = page(link.substring(1, link.indexOf('>')), main.subList(2, 3));
        assertThat(last.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void showsLabelsAndMasksSecretArgsInTheAnswerTheViewAndTheList() {
        String run = UUID.randomUUID().toString();
        String body = TaskRequests.validBodyWith("\"MODE\": \"node\"", "\"MODE\": \"node\", \"API_KEY\": \"top-secret-4711\"")
                .replace("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"labels\": { \"run\": \"" + run + "\", \"commit\": \"1a2b\" }");
        EntityExchangeResult<String> accepted = http.post().uri("/v1/tasks").header("Content-Type", "application/json")
                .bodyValue(body).exchange().expectStatus().isAccepted().expectBody(String.class).returnResult();
        String id = JSON.readTree(accepted.getResponseBody()).get("id").asString();
        String view = http.get().uri("/v1/tasks/{id}", id).exchange().expectBody(String.class).returnResult().getResponseBody();
        String list = http.get().uri("/v1/tasks?label=run:" + run).exchange().expectBody(String.class).returnResult().getResponseBody();

        for (String shown : List.of(accepted.getResponseBody(), view, list)) {
            assertThat(shown).doesNotContain("top-secret-4711").contains("\"API_KEY\":\"***\"")
                    .contains("\"labels\":{\"commit\":\"1a2b\",\"run\":\"" + run + "\"}");
        }
    }

    @Test
    void refusesMalformedLabelFiltersLimitsAndCursorsNamingTheParameter() {
        refused("/v1/tasks?label=branch", "label");
        refused("/v1/tasks?label=branch:", "label");
        refused("/v1/tasks?limit=0", "limit");
        refused("/v1/tasks?cursor=not-a-cursor", "cursor");
        submit();
        submit();
        String cursor = JSON.readTree(http.get().uri("/v1/tasks?limit=1").exchange().expectBody(String.class)
                .returnResult().getResponseBody()).get("nextCursor").asString();
        refused("/v1/tasks?limit=1&phase=RUNNING&cursor=" + cursor, "cursor");
    }

    private JsonNode page(String uri, List<String> expectedIds) {
        String body = http.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode page = JSON.readTree(body);
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids).as("page %s", uri).containsExactlyElementsOf(expectedIds);
        return page;
    }

    private void refused(String uri, String field) {
        http.get().uri(uri).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private static String labelled(String run, String branch) {
        return TaskRequests.validBodyWith("\"timeout\": \"PT10M\"",
                "\"timeout\": \"PT10M\", \"labels\": { \"run\": \"" + run + "\", \"branch\": \"" + branch + "\" }");
    }
}
