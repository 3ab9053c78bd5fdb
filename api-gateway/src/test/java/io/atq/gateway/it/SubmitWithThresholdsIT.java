package io.atq.gateway.it;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.names.Topology;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's thresholds over HTTP: published in the metric's unit (latencies in milliseconds), shown in the view as
 * requested, refused as a problem naming the bad field, and part of what an Idempotency-Key's request is.
 */
class SubmitWithThresholdsIT extends GatewayTestBase {
    private static final String KEY = "Idempotency-Key";
    private static final String THRESHOLDS = """
            [{"metric": "p95", "label": "*", "below": "PT0.5S"}, {"metric": "errorRate", "below": 0.01},
             {"metric": "throughput", "above": 100}]""";

    @BeforeEach
    void emptyQueue() {
        purgeRequests();
    }

    private static String withThresholds(String thresholds) {
        return TaskRequests.validBody().replace("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"thresholds\": " + thresholds);
    }

    @Test
    void acceptsThresholdsShowsThemAsRequestedAndPublishesLatenciesInMilliseconds() {
        http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(withThresholds(THRESHOLDS))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody()
                .jsonPath("$.request.thresholds[0].metric").isEqualTo("p95")
                .jsonPath("$.request.thresholds[0].below").isEqualTo("PT0.5S")
                .jsonPath("$.request.thresholds[1].label").isEqualTo("*")
                .jsonPath("$.request.thresholds[2].above").isEqualTo(100.0)
                .jsonPath("$.results").isEmpty();

        Message message = rabbit.receive(Topology.REQUEST_QUEUE, 5_000);
        assertThat(message).as("a TaskRequested on the request queue").isNotNull();
        TaskRequested requested = (TaskRequested) new MessageCodec().decode(message.getMessageProperties().getType(), message.getBody());
        assertThat(requested.spec().thresholds()).containsExactly(new Threshold("p95", "*", 500.0, null),
                new Threshold("errorRate", "*", 0.01, null), new Threshold("throughput", "*", null, 100.0));
    }

    @Test
    void refusesABoundOfTheWrongKindWithAProblemNamingItAndPublishesNothing() {
        http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(withThresholds("[{\"metric\": \"p95\", \"below\": 500}]"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:atq:problem:invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("thresholds[0].below")
                .jsonPath("$.errors[0].message").isEqualTo("p95 is a latency: give an ISO-8601 duration such as PT0.5S, was 500");
        assertThat(requestQueueDepth()).isZero();
    }

    @Test
    void theSameKeyWithOtherThresholdsIsRefusedWith422AndWithEqualOnesIsAReplay() {
        WebTestClient teamA = client(port, TEAM_A_TOKEN);
        String key = "ci-" + UUID.randomUUID();
        String id = submitKeyed(teamA, key, withThresholds(THRESHOLDS), 202);

        assertThat(submitKeyed(teamA, key, withThresholds(THRESHOLDS.replace("PT0.5S", "PT0.500S")), 202)).isEqualTo(id);
        teamA.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).header(KEY, key)
                .bodyValue(withThresholds(THRESHOLDS.replace("PT0.5S", "PT0.6S")))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:atq:problem:idempotency-key-reused")
                .jsonPath("$.taskId").isEqualTo(id);
    }

    private static String submitKeyed(WebTestClient client, String key, String body, int status) {
        String location = client.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).header(KEY, key).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        return location.substring("/v1/tasks/".length());
    }
}
