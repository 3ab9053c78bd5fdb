package io.atq.gateway.it;

import io.atq.gateway.bundles.Archives;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the OpenAPI document lists with an {@code {id}} (a task's or a bundle's), with every method it has,
 * answers another submitter exactly as it answers an unknown id: a new route cannot forget the tenancy check.
 */
class EveryIdRouteHidesOtherClientsIT extends BundleTestBase {
    /** The routes with an id today: 8 task operations, 2 bundle operations. Fewer found means the walk is broken. */
    private static final int ID_ROUTES_TODAY = 10;
    private static final String UNKNOWN_TASK = "00000000-0000-4000-8000-000000000000";
    private static final String UNKNOWN_BUNDLE = "0".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One documented operation on a path with an {@code {id}}. */
    private record Route(HttpMethod method, String path, String accept) {
        boolean isBundle() {
            return path.startsWith("/v1/bundles/");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void anotherSubmitterGetsTheUnknownIdAnswerOnEveryDocumentedIdRoute() {
        WebTestClient teamA = client(port, TEAM_A_TOKEN);
        WebTestClient teamB = client(port, TEAM_B_TOKEN);
        String task = submit(teamA, TaskRequests.validBody("owned-by-team-a"));
        // Unique content: the same archive uploaded by someone else earlier would be shared with them.
        String bundle = teamA.post().uri("/v1/bundles").contentType(ZIP)
                .bodyValue(bytes(Archives.with().file("owner.txt", "team-a " + UUID.randomUUID()).zip(temp)))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.id").value(String.class, id -> assertThat(id).hasSize(64))
                .returnResult().getResponseHeaders().getLocation().toString().substring("/v1/bundles/".length());

        List<Route> routes = idRoutes();

        assertThat(routes).as("operations on documented paths with {id}").hasSizeGreaterThanOrEqualTo(ID_ROUTES_TODAY);
        for (Route route : routes) {
            String owned = route.isBundle() ? bundle : task;
            String unknown = route.isBundle() ? UNKNOWN_BUNDLE : UNKNOWN_TASK;
            assertThat(notFound(teamB, route, owned)).as("%s for team-a's id, called by team-b", route)
                    .isEqualTo(notFound(teamB, route, unknown));
        }
        // The owner still reads both: the 404s above are about the caller, not about missing things.
        teamA.get().uri("/v1/tasks/{id}", task).exchange().expectStatus().isOk();
        teamA.get().uri("/v1/bundles/{id}", bundle).exchange().expectStatus().isOk();
        purgeRequests();
    }

    /** Every operation of every documented path that has an {@code {id}} parameter, from the served document. */
    private List<Route> idRoutes() {
        byte[] body = http.get().uri("/v3/api-docs").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        List<Route> routes = new ArrayList<>();
        JSON.readTree(body).path("paths").properties().forEach(path -> {
            if (!path.getKey().contains("{id}")) {
                return;
            }
            assertThat(path.getKey()).as("a path with {id} this test knows the id kind of")
                    .matches("/v1/(tasks|bundles)/\\{id}.*");
            path.getValue().properties().forEach(operation -> {
                Route route = new Route(HttpMethod.valueOf(operation.getKey().toUpperCase(Locale.ROOT)), path.getKey(),
                        accept(operation.getValue()));
                assertThat(operation.getValue().path("responses").has("404")).as("%s documents its 404", route).isTrue();
                routes.add(route);
            });
        });
        return routes;
    }

    /** What a client of the operation would accept: its success media types, and problems. */
    private static String accept(JsonNode operation) {
        List<String> types = new ArrayList<>();
        operation.path("responses").properties().forEach(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").propertyNames().forEach(types::add);
            }
        });
        types.add(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        return String.join(", ", types);
    }

    /** The 404 problem with the id taken out, so answers for different ids can be compared. */
    private static JsonNode notFound(WebTestClient client, Route route, String id) {
        var answer = client.method(route.method()).uri(route.path().replace("{id}", id))
                .header(HttpHeaders.ACCEPT, route.accept())
                .exchange().expectBody().returnResult();
        String body = answer.getResponseBody() == null ? "" : new String(answer.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(answer.getStatus().value()).as("%s with id %s answered %s", route, id, body).isEqualTo(404);
        assertThat(answer.getResponseHeaders().getContentType()).as("%s content type", route)
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return JSON.readTree(body.replace(id, "ID"));
    }
}
