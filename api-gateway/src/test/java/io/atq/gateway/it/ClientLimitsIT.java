package io.atq.gateway.it;

import io.atq.contracts.phase.Phase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Client `limited` may have 2 unfinished tasks and 5 workers: beyond, 429 naming the limit; room again once a task ended. */
class ClientLimitsIT extends GatewayTestBase {
    private final List<String> submitted = new ArrayList<>();
    private WebTestClient limited;

    @BeforeEach
    void asTheLimitedClient() {
        limited = client(port, LIMITED_TOKEN);
    }

    @AfterEach
    void endItsTasks() {
        // CANCELLED from QUEUED; a task already ended stays as it is.
        submitted.forEach(id -> director.moves(id, Phase.CANCELLED));
        submitted.forEach(id -> await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/v1/tasks/{id}", id)
                .exchange().expectBody().jsonPath("$.phase").value(String.class, p -> assertThat(p).isIn("CANCELLED", "FAILED"))));
    }

    private String submitWorkers(int replicas) {
        String id = submit(limited, TaskRequests.validBodyWith("\"replicas\": 3", "\"replicas\": " + replicas));
        submitted.add(id);
        return id;
    }

    private WebTestClient.BodyContentSpec assertRefused(int replicas, String limit) {
        return limited.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TaskRequests.validBodyWith("\"replicas\": 3", "\"replicas\": " + replicas))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:atq:problem:limit-exceeded")
                .jsonPath("$.limit").isEqualTo(limit);
    }

    @Test
    void refusesAThirdUnfinishedTaskUntilOneEnds() {
        String first = submitWorkers(1);
        submitWorkers(1);
        long depth = requestQueueDepth();

        assertRefused(1, "maxActiveTasks").jsonPath("$.current").isEqualTo(2).jsonPath("$.max").isEqualTo(2)
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).contains("client 'limited'"));
        assertThat(requestQueueDepth()).as("nothing published for a refusal").isEqualTo(depth);

        director.moves(first, Phase.PROVISIONING, Phase.FAILED);
        awaitPhase(first, "FAILED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> submitWorkers(1));
    }

    @Test
    void refusesWorkersBeyondTheClientsReplicaLimit() {
        submitWorkers(3);

        assertRefused(3, "maxActiveReplicas").jsonPath("$.current").isEqualTo(3)
                .jsonPath("$.requested").isEqualTo(3).jsonPath("$.max").isEqualTo(5);
        submitWorkers(2);
    }

    @Test
    void otherClientsAreNotHeldByThisClientsLimits() {
        submitWorkers(1);
        submitWorkers(1);

        submit(client(port, TEAM_A_TOKEN), TaskRequests.validBody("team-a-unaffected"));
    }
}
