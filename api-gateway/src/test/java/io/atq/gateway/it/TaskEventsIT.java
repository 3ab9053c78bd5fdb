package io.atq.gateway.it;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fake director's events, published onto the real exchange, reach GET and the event stream in order. */
class TaskEventsIT extends GatewayTestBase {
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Test
    void reflectsTheDirectorsPhasesAndOutcomeInGet() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING, Phase.STARTING_WORKERS, Phase.DISCOVERING);
        Instant now = Instant.now();
        director.send(new TaskPhaseChanged(TaskId.parse(id), Phase.STARTING_MASTER, now.plusSeconds(5), FakeDirector.ID,
                List.of("10.0.9.2", "10.0.9.3", "10.0.9.4"), null, null));
        director.moves(id, Phase.RUNNING, Phase.COLLECTING);
        director.send(new TaskPhaseChanged(TaskId.parse(id), Phase.SUCCEEDED, now.plusSeconds(9), FakeDirector.ID, List.of(), 0, null));
        director.send(new TaskCleanedUp(TaskId.parse(id), now.plusSeconds(10), FakeDirector.ID, true, null));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/v1/tasks/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.phase").isEqualTo("SUCCEEDED")
                .jsonPath("$.cleanup.done").isEqualTo(true)
                .jsonPath("$.exitCode").isEqualTo(0)
                .jsonPath("$.director").isEqualTo(FakeDirector.ID)
                .jsonPath("$.workers.addresses.length()").isEqualTo(3)
                .jsonPath("$.history[*].phase").value(List.class, phases -> assertThat(phases).containsExactly(
                        "QUEUED", "PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER", "RUNNING",
                        "COLLECTING", "SUCCEEDED")));
    }

    @Test
    void ignoresDuplicateAndOutOfOrderEvents() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING, Phase.PROVISIONING, Phase.RUNNING, Phase.STARTING_WORKERS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/v1/tasks/{id}", id).exchange()
                .expectBody().jsonPath("$.history[*].phase").value(List.class, phases ->
                        assertThat(phases).containsExactly("QUEUED", "PROVISIONING", "STARTING_WORKERS")));
    }

    @Test
    void streamsTheHistoryThenLivePhasesAndClosesAfterTheTerminalOne() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING);
        awaitPhase(id, "PROVISIONING");

        Flux<ServerSentEvent<String>> events = http.get().uri("/v1/tasks/{id}/events", id)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(SSE).getResponseBody()
                .filter(event -> event.event() != null); // skip keep-alive comments

        StepVerifier.create(events)
                .assertNext(e -> assertEvent(e, "0", "QUEUED", id))
                .assertNext(e -> assertEvent(e, "1", "PROVISIONING", id))
                .then(() -> director.moves(id, Phase.STARTING_WORKERS, Phase.CANCELLED))
                .assertNext(e -> assertEvent(e, "2", "STARTING_WORKERS", id))
                .assertNext(e -> assertEvent(e, "3", "CANCELLED", id))
                .expectComplete()
                .verify(Duration.ofSeconds(15));
    }

    @Test
    void replaysTheWholeHistoryOfAnEndedTaskAndCloses() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING, Phase.FAILED);
        awaitPhase(id, "FAILED");
        List<ServerSentEvent<String>> events = http.get().uri("/v1/tasks/{id}/events", id)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .returnResult(SSE).getResponseBody()
                .filter(event -> event.event() != null) // skip the opening and keep-alive comments
                .collectList().block(Duration.ofSeconds(10));
        assertThat(events).extracting(ServerSentEvent::id).containsExactly("0", "1", "2");
        assertThat(events.get(2).data()).contains("\"phase\":\"FAILED\"");
    }

    @Test
    void answersTheEventStreamOfAnUnknownTaskWithA404Problem() {
        http.get().uri("/v1/tasks/{id}/events", "00000000-0000-4000-8000-000000000000")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:task-not-found");
    }

    private static void assertEvent(ServerSentEvent<String> event, String id, String phase, String taskId) {
        assertThat(event.event()).isEqualTo("phase");
        assertThat(event.id()).isEqualTo(id);
        assertThat(event.data()).contains("\"taskId\":\"" + taskId + "\"").contains("\"phase\":\"" + phase + "\"")
                .contains("\"workerAddresses\":[]").contains("\"at\":\"");
    }
}
