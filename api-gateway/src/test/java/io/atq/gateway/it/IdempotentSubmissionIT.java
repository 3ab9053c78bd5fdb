package io.atq.gateway.it;

import io.atq.gateway.TaskRequests;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One Idempotency-Key, one task: repeated, reworded or sent to two gateways at the same moment. */
class IdempotentSubmissionIT extends GatewayTestBase {
    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
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

        EntityExchangeResult<byte[]> first = post(teamA, key, TaskRequests.valid("idem"));
        EntityExchangeResult<byte[]> again = post(teamA, key, TaskRequests.valid("idem").replace(" ", "").replace("\n", ""));

        assertThat(location(again)).isEqualTo(location(first));
        assertThat(first.getResponseHeaders().getFirst(REPLAYED)).isNull();
        assertThat(again.getResponseHeaders().getFirst(REPLAYED)).isEqualTo("true");
        assertThat(requestQueueDepth()).as("one publish").isEqualTo(depth + 1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedWith422() {
        WebTestClient teamA = client(port, TEAM_A_TOKEN);
        String key = "ci-" + UUID.randomUUID();
        String id = location(post(teamA, key, TaskRequests.valid("first")));
        long depth = requestQueueDepth();

        teamA.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).header(KEY, key).bodyValue(TaskRequests.valid("second"))
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

        assertThat(location(post(client(port, TEAM_A_TOKEN), key, TaskRequests.valid())))
                .isNotEqualTo(location(post(client(port, TEAM_B_TOKEN), key, TaskRequests.valid())));
    }

    @Test
    void refusesAnInvalidKeyNamingTheHeader() {
        for (String key : List.of("k".repeat(256), "")) {
            http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).header(KEY, key).bodyValue(TaskRequests.valid())
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
            List<EntityExchangeResult<byte[]>> answers = atOnce(() -> post(one, key, TaskRequests.valid("race")),
                    () -> post(two, key, TaskRequests.valid("race")));

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

        List<EntityExchangeResult<byte[]>> answers = atOnce(() -> post(one, key, TaskRequests.valid("left")),
                () -> post(two, key, TaskRequests.valid("right")));

        assertThat(answers).extracting(a -> a.getStatus().value()).containsExactlyInAnyOrder(202, 422);
    }

    /** Runs both on their own threads, released together by one latch. */
    @SafeVarargs
    private static List<EntityExchangeResult<byte[]>> atOnce(java.util.function.Supplier<EntityExchangeResult<byte[]>>... calls)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<EntityExchangeResult<byte[]>>> futures = java.util.Arrays.stream(calls)
                .map(call -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return call.get();
                }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()))
                .toList();
        start.countDown();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
