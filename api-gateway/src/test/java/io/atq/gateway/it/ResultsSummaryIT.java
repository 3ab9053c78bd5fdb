package io.atq.gateway.it;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.names.TaskFolderLayout;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/tasks/{id}/summary} serves the results summary the director wrote to the task's folder, as written,
 * once the task ended; before, and without one, a 404 problem says why; another submitter gets the unknown-id 404.
 */
class ResultsSummaryIT extends GatewayTestBase {
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
    private static final String SUMMARY = """
            {"samples":1200,"errors":3,"errorRate":0.0025,"throughput":40.5,
             "latencyMs":{"p50":12.1,"p95":41.0},"labels":{"checkout":{"samples":600}},
             "thresholds":[{"metric":"p95","label":"*","below":500.0,"measured":41.0,"passed":true}]}
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AtqConfig config;

    @Test
    void servesTheSummaryTheDirectorWroteOnceTheTaskEnded() throws IOException {
        String id = submit();
        writeSummary(id, SUMMARY);
        director.moves(id, Phase.PROVISIONING, Phase.STARTING_WORKERS, Phase.DISCOVERING, Phase.STARTING_MASTER,
                Phase.RUNNING, Phase.COLLECTING, Phase.SUCCEEDED);
        awaitPhase(id, "SUCCEEDED");

        byte[] body = http.get().uri("/v1/tasks/{id}/summary", id).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(SUMMARY);
        assertThat(JSON.readTree(body).at("/labels/checkout/samples").asInt()).isEqualTo(600);
    }

    @Test
    void answers404BeforeTheTaskEndedEvenWhenTheFileIsThere() throws IOException {
        String id = submit();
        director.moves(id, Phase.PROVISIONING, Phase.STARTING_WORKERS, Phase.DISCOVERING, Phase.STARTING_MASTER, Phase.RUNNING);
        awaitPhase(id, "RUNNING");
        // A director writes the file before it records the end: a file seen before then may still be being written.
        writeSummary(id, SUMMARY);

        JsonNode problem = problem(http, id, 404);

        assertThat(problem.get("type").asString()).isEqualTo("urn:atq:problem:summary-not-found");
        assertThat(problem.get("detail").asString()).contains("has not ended (RUNNING)");
    }

    @Test
    void answers404ForATaskThatEndedWithoutASummary() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING, Phase.FAILED);
        awaitPhase(id, "FAILED");

        JsonNode problem = problem(http, id, 404);

        assertThat(problem.get("type").asString()).isEqualTo("urn:atq:problem:summary-not-found");
        assertThat(problem.get("title").asString()).isEqualTo("No results summary");
        assertThat(problem.get("detail").asString()).contains("ended (FAILED) without a results summary", "before its master ran");
    }

    @Test
    void anotherSubmitterGetsTheSame404AsForAnUnknownTask() throws IOException {
        WebTestClient teamA = client(port, TEAM_A_TOKEN);
        WebTestClient teamB = client(port, TEAM_B_TOKEN);
        String id = submit(teamA, TaskRequests.validBody("summary-of-team-a"));
        writeSummary(id, SUMMARY);
        director.moves(id, Phase.PROVISIONING, Phase.FAILED);
        awaitPhase(id, "FAILED");
        teamA.get().uri("/v1/tasks/{id}/summary", id).exchange().expectStatus().isOk();

        JsonNode foreign = problem(teamB, id, 404);
        JsonNode unknown = problem(teamB, UNKNOWN, 404);

        assertThat(foreign.get("type").asString()).isEqualTo("urn:atq:problem:task-not-found");
        assertThat(JSON.readTree(foreign.toString().replace(id, "ID"))).isEqualTo(JSON.readTree(unknown.toString().replace(UNKNOWN, "ID")));
    }

    private void writeSummary(String id, String json) throws IOException {
        Path folder = config.sharedFolder().task(TaskId.parse(id));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(TaskFolderLayout.RESULTS_SUMMARY), json);
    }

    private static JsonNode problem(WebTestClient client, String id, int status) {
        byte[] body = client.get().uri("/v1/tasks/{id}/summary", id).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }
}
