package io.atq.gateway.it;

import com.sun.net.httpserver.HttpServer;
import io.atq.contracts.phase.Phase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook queue and the read model that builds a delivery's view are fed by different consumers, and a fake
 * director publishes phases back to back: still, every delivery's view includes the event it reports, and
 * {@code data.sequence} is that event's id on the task's SSE stream.
 */
class WebhookViewNeverBehindItsEventIT extends GatewayTestBase {
    private static final int TASKS = 20;
    private static final List<Phase> HAPPY_PATH = List.of(Phase.QUEUED, Phase.PROVISIONING, Phase.STARTING_WORKERS,
            Phase.DISCOVERING, Phase.STARTING_MASTER, Phase.RUNNING, Phase.COLLECTING, Phase.SUCCEEDED);
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Body of each delivery by webhook id (the receiver answers 204, so each id arrives once). */
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final HttpServer receiver = receiver();

    private HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange -> {
                received.put(exchange.getRequestHeaders().getFirst("webhook-id"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        purgeRequests();
    }

    @Test
    void everyDeliveryCarriesAViewAtOrPastItsPhaseAndTheSseIdOfThatPhase() {
        WebTestClient hooks = client(port, HOOKS_TOKEN);
        String callback = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(submit(hooks, TaskRequests.validBodyWith("\"timeout\": \"PT10M\"",
                    "\"timeout\": \"PT10M\", \"callbackUrl\": \"" + callback + "\", \"callbackEvents\": \"all\"")));
        }
        // Back to back, as fast as the broker confirms: the read model has every chance to lag the webhook queue.
        tasks.forEach(id -> director.moves(id, HAPPY_PATH.subList(1, HAPPY_PATH.size()).toArray(Phase[]::new)));

        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= TASKS * HAPPY_PATH.size());

        List<String> behind = new ArrayList<>();
        List<String> misnumbered = new ArrayList<>();
        for (String id : tasks) {
            Map<String, Integer> sseIds = sseIds(hooks, id);
            assertThat(sseIds).as("SSE ids of %s", id).hasSize(HAPPY_PATH.size());
            for (Phase phase : HAPPY_PATH) {
                String body = received.get("msg_" + id + "_" + phase);
                assertThat(body).as("delivery of %s %s", id, phase).isNotNull();
                JsonNode data = JSON.readTree(body).get("data");
                assertThat(data.get("phase").asString()).isEqualTo(phase.name());
                Phase seen = Phase.valueOf(data.get("task").get("phase").asString());
                List<String> history = new ArrayList<>();
                data.get("task").get("history").forEach(entry -> history.add(entry.get("phase").asString()));
                if (seen.ordinal() < phase.ordinal() || !history.contains(phase.name())) {
                    behind.add(phase + " delivered with view " + seen + " " + history);
                }
                if (!data.path("sequence").isInt() || data.get("sequence").asInt() != history.indexOf(phase.name())
                        || data.get("sequence").asInt() != sseIds.get(phase.name())) {
                    misnumbered.add(phase + " sequence " + data.path("sequence") + ", history " + history + ", SSE ids " + sseIds);
                }
            }
        }
        assertThat(behind).as("deliveries whose view is behind their event").isEmpty();
        assertThat(misnumbered).as("deliveries whose sequence is not the phase's history index and SSE id").isEmpty();
    }

    /** Phase → SSE event id, from the ended task's replayed stream. */
    private static Map<String, Integer> sseIds(WebTestClient client, String id) {
        List<ServerSentEvent<String>> events = client.get().uri("/v1/tasks/{id}/events", id)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .returnResult(SSE).getResponseBody()
                .filter(event -> event.event() != null) // skip the opening and keep-alive comments
                .collectList().block(Duration.ofSeconds(10));
        Map<String, Integer> ids = new HashMap<>();
        events.forEach(event -> ids.put(JSON.readTree(event.data()).get("phase").asString(), Integer.parseInt(event.id())));
        return ids;
    }
}
