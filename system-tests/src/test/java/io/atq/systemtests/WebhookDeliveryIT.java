package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.systemtests.support.WebhookReceiver;
import io.atq.systemtests.support.WebhookReceiver.Hit;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end: two real gateways and a director on a real broker and the real swarm, a receiver that checks
 * signatures with its own code. Schedule 1 s, 2 s, 4 s (each ±20 %), 127.0.0.1 allowlisted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookDeliveryIT extends SystemTestBase {
    private static final String DEV_SECRET = "whsec_YXRxLWRldi13ZWJob29rLXNlY3JldC0zMmJ5dGVzISE=";
    private static final List<String> HAPPY_PATH = List.of("QUEUED", "PROVISIONING", "STARTING_WORKERS", "DISCOVERING",
            "STARTING_MASTER", "RUNNING", "COLLECTING", "SUCCEEDED");
    /** Scheduling on a busy 2-core machine: lateness allowed on top of a wait's upper bound. Never a lower bound. */
    private static final long SLACK_MS = 3000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookReceiver receiver = new WebhookReceiver(DEV_SECRET);
    private AtqClient second;

    WebhookDeliveryIT() {
        super(1, "webhooks: {retrySchedule: [PT1S, PT2S, PT4S], timeout: PT2S, allowHosts: [127.0.0.1]}\n");
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @Test
    @Order(1)
    void callbackUrlsOnNonPublicAddressesAreRefusedAtSubmission() {
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/hook")) {
            AtqClient.Reply reply = gateway.post("/v1/tasks", withCallback(TaskRequests.demoBody("ssrf", 1), url, "terminal"));

            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("callbackUrl");
            assertThat(reply.body()).contains("not a public address");
        }
    }

    @Test
    @Order(2)
    void everyPhaseIsDeliveredExactlyOnceSignedAfterTwoFailuresOnTheJitteredSchedule() {
        second = system.startGateway();
        String id = gateway.submit(withCallback(TaskRequests.demoBody("webhook-all", 1), receiver.url("/flaky/2/all"), "all"));
        gateway.awaitTerminal(id);
        await(() -> HAPPY_PATH.stream().allMatch(p -> delivered(id, p)), Duration.ofSeconds(60), "every phase delivered");

        for (String phase : HAPPY_PATH) {
            List<Hit> hits = receiver.hits(webhookId(id, phase));
            assertThat(hits).as(phase).hasSize(3).allMatch(Hit::signatureValid);
            assertThat(hits).extracting(Hit::answered).containsExactly(500, 500, 204);
            hits.forEach(h -> assertThat(Math.abs(h.receivedAt().getEpochSecond() - h.timestamp())).as("fresh timestamp").isLessThanOrEqualTo(5));
            assertThat(gap(hits, 0)).as("%s wait 1", phase).isBetween(800L - 50, 1200L + SLACK_MS);
            assertThat(gap(hits, 1)).as("%s wait 2", phase).isBetween(1600L - 50, 2400L + SLACK_MS);
            JsonNode body = JSON.readTree(hits.getLast().body());
            assertThat(body.get("type").asString()).isEqualTo("task.phase-changed");
            assertThat(body.get("data").get("phase").asString()).isEqualTo(phase);
            assertThat(body.get("data").get("task").get("id").asString()).isEqualTo(id);
        }
        // Which gateways made the attempts (competing consumers: usually both); printed for the record, not asserted.
        System.out.println("webhook attempts by gateway: " + deliveries(gateway, id).stream()
                .collect(java.util.stream.Collectors.groupingBy(d -> d.get("gateway").asString(), java.util.stream.Collectors.counting())));
        for (AtqClient g : List.of(gateway, second)) {
            await(() -> deliveries(g, id).size() == 24, Duration.ofSeconds(20), "24 attempts listed by " + g.process().name());
            List<String> outcomes = new ArrayList<>();
            deliveries(g, id).forEach(d -> outcomes.add(d.get("phase").asString() + "#" + d.get("attempt").asInt() + "=" + d.get("outcome").asString()));
            for (String phase : HAPPY_PATH) {
                assertThat(outcomes).contains(phase + "#1=retrying", phase + "#2=retrying", phase + "#3=delivered");
            }
        }
    }

    @Test
    @Order(3)
    void a410StopsDeliveriesToThatUrl() {
        String id = gateway.submit(withCallback(TaskRequests.demoBody("webhook-gone", 1), receiver.url("/gone"), "all"));
        gateway.awaitTerminal(id);
        await(() -> !deliveries(gateway, id).isEmpty(), Duration.ofSeconds(30), "a 410 recorded");
        sleep(3000); // the 410 is known: later events get time to (not) arrive

        List<Hit> hits = receiver.hits().stream().filter(h -> h.path().equals("/gone")).toList();
        assertThat(hits).isNotEmpty().allMatch(h -> h.answered() == 410);
        assertThat(hits).extracting(Hit::webhookId).doesNotHaveDuplicates().doesNotContain(webhookId(id, "SUCCEEDED"));
        deliveries(gateway, id).forEach(d -> assertThat(d.get("outcome").asString()).isEqualTo("gone"));
    }

    @Test
    @Order(4)
    void aRedirectIsNotFollowedAndCountsAsAFailureUntilGivenUp() {
        String id = gateway.submit(withCallback(TaskRequests.demoBody("webhook-redirect", 1), receiver.url("/redirect"), "terminal"));
        gateway.awaitTerminal(id);
        await(() -> deliveries(gateway, id).stream().anyMatch(d -> d.get("outcome").asString().equals("given_up")),
                Duration.ofSeconds(60), "given up");

        List<JsonNode> attempts = deliveries(gateway, id);
        assertThat(attempts).extracting(d -> d.get("attempt").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(attempts).allMatch(d -> d.get("status").asInt() == 302);
        assertThat(attempts).extracting(d -> d.get("outcome").asString()).containsExactly("retrying", "retrying", "retrying", "given_up");
        assertThat(receiver.hits()).noneMatch(h -> h.path().equals("/target"));
    }

    @Test
    @Order(5)
    void aDeliveryWaitingOnTheLadderSurvivesKillingEveryGateway() {
        String id = gateway.submit(withCallback(TaskRequests.demoBody("webhook-kill", 1), receiver.url("/flaky/1/kill"), "terminal"));
        gateway.awaitTerminal(id);
        await(() -> deliveries(gateway, id).stream().anyMatch(d -> d.get("outcome").asString().equals("retrying")),
                Duration.ofSeconds(30), "first attempt failed and parked");

        gateway.process().kill();
        second.process().kill();
        sleep(2500); // past the 1.2 s step: the job now waits in the retry queue with no consumer at all
        AtqClient fresh = system.startGateway();

        String webhookId = webhookId(id, fresh.task(id).get("phase").asString());
        await(() -> receiver.hits(webhookId).stream().anyMatch(h -> h.answered() == 204), Duration.ofSeconds(30), "delivered after restart");
        assertThat(receiver.hits(webhookId)).extracting(Hit::answered).containsExactly(500, 204);
        await(() -> deliveries(fresh, id).size() == 2, Duration.ofSeconds(20), "both attempts listed");
        assertThat(deliveries(fresh, id)).extracting(d -> d.get("outcome").asString()).containsExactly("retrying", "delivered");
    }

    private boolean delivered(String taskId, String phase) {
        return receiver.hits(webhookId(taskId, phase)).stream().anyMatch(h -> h.answered() == 204);
    }

    private static String webhookId(String taskId, String phase) {
        return "msg_" + taskId + "_" + phase;
    }

    private static long gap(List<Hit> hits, int i) {
        return Duration.between(hits.get(i).receivedAt(), hits.get(i + 1).receivedAt()).toMillis();
    }

    private static List<JsonNode> deliveries(AtqClient client, String id) {
        AtqClient.Reply reply = client.get("/v1/tasks/" + id + "/deliveries");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        reply.json().forEach(list::add);
        return list;
    }

    private static String withCallback(String task, String url, String events) {
        return task.replace("\"timeout\": \"PT10M\" }",
                "\"timeout\": \"PT10M\", \"callbackUrl\": \"" + url + "\", \"callbackEvents\": \"" + events + "\" }");
    }

    private static void await(BooleanSupplier condition, Duration within, String what) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for: " + what).isBefore(deadline);
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
