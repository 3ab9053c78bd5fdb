package io.atq.gateway.it;

import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event stream over HTTP on the real broker: a retry hint, keep-alive comments (the test gateway sends one a
 * second), and a client reconnecting with {@code Last-Event-ID} gets every later phase exactly once.
 */
class EventStreamResumeIT extends GatewayTestBase {
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Test
    void opensWithARetryHintAndSendsKeepAliveCommentsWhileTheTaskIsQuiet() {
        String id = submit();
        List<ServerSentEvent<String>> first = follow(id, null, null).take(3).collectList().block(Duration.ofSeconds(20));

        assertThat(first.get(0).comment()).isNotBlank();
        assertThat(first.get(0).retry()).isPositive();
        assertThat(first.get(1).id()).isEqualTo("0");
        assertThat(first.get(2).comment()).isEqualTo("keep-alive");
        assertThat(first.get(2).data()).isNull();
    }

    @Test
    void aClientReconnectingWithLastEventIdMissesNothingAndSeesNothingTwice() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING, Phase.STARTING_WORKERS);
        awaitPhase(id, "STARTING_WORKERS");

        // The first connection drops after two phase events ("0", "1").
        List<String> seen = new ArrayList<>(phaseEvents(follow(id, null, null)).take(2).map(ServerSentEvent::id)
                .collectList().block(Duration.ofSeconds(15)));
        // Meanwhile the task moves on.
        director.moves(id, Phase.DISCOVERING);
        awaitPhase(id, "DISCOVERING");

        StepVerifier.create(phaseEvents(follow(id, seen.getLast(), null)))
                .assertNext(e -> seen.add(e.id()))
                .assertNext(e -> seen.add(e.id()))
                .then(() -> director.moves(id, Phase.CANCELLED))
                .assertNext(e -> {
                    seen.add(e.id());
                    assertThat(e.data()).contains("\"phase\":\"CANCELLED\"");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(15));
        assertThat(seen).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void aClientThatCannotSetHeadersResumesWithTheQueryParameter() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING, Phase.FAILED);
        awaitPhase(id, "FAILED");
        List<String> ids = phaseEvents(follow(id, null, "1")).map(ServerSentEvent::id).collectList().block(Duration.ofSeconds(10));
        assertThat(ids).containsExactly("2");
        assertThat(phaseEvents(follow(id, "2", null)).collectList().block(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void refusesALastEventIdThatIsNotAnEventIdNamingIt() {
        String id = submit();
        http.get().uri("/v1/tasks/{id}/events", id).header("Last-Event-ID", "x7")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID");
        http.get().uri("/v1/tasks/{id}/events?lastEventId=-1", id)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lastEventId");
    }

    private Flux<ServerSentEvent<String>> follow(String id, String lastEventId, String queryLastEventId) {
        return http.get().uri(uri -> {
                    uri.path("/v1/tasks/{id}/events");
                    if (queryLastEventId != null) {
                        uri.queryParam("lastEventId", queryLastEventId);
                    }
                    return uri.build(id);
                })
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(SSE).getResponseBody();
    }

    private static Flux<ServerSentEvent<String>> phaseEvents(Flux<ServerSentEvent<String>> events) {
        return events.filter(e -> "phase".equals(e.event()));
    }
}
