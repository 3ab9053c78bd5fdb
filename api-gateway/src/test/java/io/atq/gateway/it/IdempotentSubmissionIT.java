package io.atq.gateway.it;

import io.atq.testfixtures.AtOnce;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One Idempotency-Key, one task: repeated, reworded or sent to two gateways at the same moment. */
class IdempotentSubmissionIT extends GatewayTestBase {
    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final Duration RACE_WITHIN = Duration.ofSeconds(30);
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startASecondGateway() {
        second = startAnotherGateway();
    }

    @AfterAll
    static void stopIt() {
        second.close();
    }

    private static EntityExchangeResult<byte[]> post(WebTestClient client, String key, String body) {
        return client.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).header(KEY, key).bodyValue(body)
                .exchange().expectBody().returnResult();
    }

    private static String location(EntityExchangeResult<byte[]> answer) {
        assertThat(answer.getStatus().value()).as("status of %s", new String(answer.getResponseBodyContent())).isEqualTo(202);
        return answer.getResponseHeaders().getLocation().toString();
    }

    @Test
    void theSameKeyAndRequestTwiceAnswerWithTheSameTaskAndPublishOnce() {
        WebTestClient teamA = client(port, TEAM_A_TOKEN);
        String key = "ci-" + UUID.randomUUID();
        long depth = requestQueueDepth();

        EntityExchangeResult<byte[]> first = post(teamA, key, TaskRequests.validBody("idem"));
        EntityExchangeResult<byte[]> again = post(teamA, key, TaskRequests.validBody("idem").replace(" ", "").replace("\n", ""));

        assertThat(location(again)).isEqualTo(location(first));
        assertThat(first.getResponseHeaders().getFirst(REPLAYED)).isNull();
        assertThat(again.getResponseHeaders().getFirst(REPLAYED)).isEqualTo("true");
        assertThat(requestQueueDepth()).as("one publish").isEqualTo(depth + 1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedWith422() {
        WebTestClient teamA = client(port, TEAM_A_TOKEN);
        String key = "ci-" + UUID.randomUUID();
        String id = location(post(teamA, key, TaskRequests.validBody("first")));
        long depth = requestQueueDepth();

        teamA.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).header(KEY, key).bodyValue(TaskRequests.validBody("second"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:atq:problem:idempotency-key-reused")
                .jsonPath("$.errors[0].field").isEqualTo(KEY)
                .jsonPath("$.taskId").isEqualTo(id.substring("/v1/tasks/".length()));
        assertThat(requestQueueDepth()).isEqualTo(depth);
    }

    @Test
    void oneKeyOfTwoClientsNamesTwoTasks() {
        String key = "ci-" + UUID.randomUUID();

        assertThat(location(post(client(port, TEAM_A_TOKEN), key, TaskRequests.validBody())))
                .isNotEqualTo(location(post(client(port, TEAM_B_TOKEN), key, TaskRequests.validBody())));
    }

    @Test
    void refusesAnInvalidKeyNamingTheHeader() {
        for (String key : List.of("k".repeat(256), "")) {
            http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).header(KEY, key).bodyValue(TaskRequests.validBody())
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(KEY);
        }
    }

    @Test
    void theSameRequestAtTheSameMomentAtTwoGatewaysIsOneTask() throws Exception {
        WebTestClient one = client(port, TEAM_A_TOKEN);
        WebTestClient two = client(portOf(second), TEAM_A_TOKEN);
        for (int round = 0; round < 3; round++) {
            String key = "race-" + UUID.randomUUID();
            List<EntityExchangeResult<byte[]>> answers = AtOnce.run(RACE_WITHIN, () -> post(one, key, TaskRequests.validBody("race")),
                    () -> post(two, key, TaskRequests.validBody("race")));

            assertThat(location(answers.get(0))).isEqualTo(location(answers.get(1)));
            assertThat(answers).filteredOn(a -> a.getResponseHeaders().getFirst(REPLAYED) == null)
                    .as("exactly one answer is the submission that created the task").hasSize(1);
            String id = location(answers.get(0));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> two.get().uri(id).exchange().expectStatus().isOk());
        }
    }

    @Test
    void twoRequestsWithOneKeyAtTheSameMomentGiveOne202AndOne422() throws Exception {
        WebTestClient one = client(port, TEAM_A_TOKEN);
        WebTestClient two = client(portOf(second), TEAM_A_TOKEN);
        String key = "race-" + UUID.randomUUID();

        List<EntityExchangeResult<byte[]>> answers = AtOnce.run(RACE_WITHIN, () -> post(one, key, TaskRequests.validBody("left")),
                () -> post(two, key, TaskRequests.validBody("right")));

        assertThat(answers).extracting(a -> a.getStatus().value()).containsExactlyInAnyOrder(202, 422);
    }
}
