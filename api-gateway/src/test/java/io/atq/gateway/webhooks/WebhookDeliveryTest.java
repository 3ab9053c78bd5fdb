package io.atq.gateway.webhooks;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.config.ClientRole;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.WebhookAttempted;
import io.atq.contracts.messages.WebhookOutcome;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** One attempt's decisions: deliver, retry on the ladder, give up, stop on 410, refuse a rebound host. */
class WebhookDeliveryTest {
    private static final TaskId T1 = TaskId.parse("00000000-0000-4000-8000-000000000001");

    private static final String SECRET = "whsec_YXRxLWRldi13ZWJob29rLXNlY3JldC0zMmJ5dGVzISE=";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final Deque<WebhookSender.Response> answers = new ArrayDeque<>();
    private final List<Map<String, String>> sentHeaders = new ArrayList<>();
    private final List<DeliveryJob> parked = new ArrayList<>();
    private final List<TaskMessage> published = new ArrayList<>();
    private final FakeHostResolver dns = new FakeHostResolver().answer("hooks.example.test", "93.184.216.34");
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WebhookDelivery delivery = new WebhookDelivery(
            new CallbackGuard(dns, new CallbackAddressPolicy(List.of()), config()),
            (URI url, List<InetAddress> addresses, Map<String, String> headers, byte[] body, Duration timeout) -> {
                sentHeaders.add(headers);
                return answers.removeFirst();
            },
            (job, wait) -> parked.add(job),
            new RetryLadder(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2))),
            published::add, ledger, new DeliveryMetrics(meters), Clock.fixed(NOW, ZoneOffset.UTC),
            new SplittableRandom(7), Duration.ofSeconds(1), "gateway-a");

    private final DeliveryJob job = new DeliveryJob(T1, "ci", "msg_t1_SUCCEEDED", Phase.SUCCEEDED,
            "https://hooks.example.test/atq", "{\"type\":\"task.phase-changed\"}", 1);

    @Test
    void a2xxIsDeliveredSignedAndRecorded() {
        answers.add(WebhookSender.Response.status(204));

        WebhookAttempted attempt = delivery.attempt(job).orElseThrow();

        assertThat(attempt.outcome()).isEqualTo(WebhookOutcome.DELIVERED);
        assertThat(attempt.status()).isEqualTo(204);
        assertThat(sentHeaders.getFirst()).containsEntry("webhook-id", "msg_t1_SUCCEEDED")
                .containsEntry("webhook-timestamp", "1795953600")
                .containsEntry("webhook-signature", new WebhookSigner(SECRET).sign("msg_t1_SUCCEEDED", 1795953600L,
                        job.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(published).containsExactly(attempt);
        assertThat(ledger.isDelivered("msg_t1_SUCCEEDED")).isTrue();
        assertThat(delivery.attempt(job)).as("a repeat after a 2xx is skipped").isEmpty();
        assertThat(meters.counter(DeliveryMetrics.DELIVERIES, "outcome", "delivered").count()).isEqualTo(1);
    }

    @Test
    void failuresAndRedirectsAreParkedForTheNextAttemptUntilTheScheduleIsUsedUp() {
        answers.add(WebhookSender.Response.status(500));
        answers.add(WebhookSender.Response.status(302));
        answers.add(WebhookSender.Response.failed("connection refused"));

        WebhookAttempted first = delivery.attempt(job).orElseThrow();
        WebhookAttempted second = delivery.attempt(parked.getLast()).orElseThrow();
        WebhookAttempted third = delivery.attempt(parked.getLast()).orElseThrow();

        assertThat(List.of(first.outcome(), second.outcome(), third.outcome()))
                .containsExactly(WebhookOutcome.RETRYING, WebhookOutcome.RETRYING, WebhookOutcome.GIVEN_UP);
        assertThat(parked).extracting(DeliveryJob::attempt).containsExactly(2, 3);
        assertThat(second.error()).contains("302").contains("not followed");
        assertThat(third.error()).isEqualTo("connection refused");
        assertThat(first.nextAttemptAt()).isBetween(NOW.plusMillis(800), NOW.plusMillis(1200));
        assertThat(third.nextAttemptAt()).isNull();
        assertThat(sentHeaders).extracting(h -> h.get("webhook-id")).containsOnly("msg_t1_SUCCEEDED");
    }

    @Test
    void a410StopsEveryFurtherDeliveryToThatTasksUrl() {
        answers.add(WebhookSender.Response.status(410));

        assertThat(delivery.attempt(job).orElseThrow().outcome()).isEqualTo(WebhookOutcome.GONE);

        DeliveryJob otherEvent = new DeliveryJob(T1, "ci", "msg_t1_RUNNING", Phase.RUNNING, job.url(), job.body(), 2);
        assertThat(delivery.attempt(otherEvent)).isEmpty();
        assertThat(parked).isEmpty();
        assertThat(sentHeaders).hasSize(1);
    }

    @Test
    void aHostThatNowResolvesToAPrivateAddressIsRefusedWithoutARequest() {
        dns.answer("hooks.example.test", "192.168.0.10");

        WebhookAttempted attempt = delivery.attempt(job).orElseThrow();

        assertThat(attempt.outcome()).isEqualTo(WebhookOutcome.REFUSED);
        assertThat(attempt.error()).contains("192.168.0.10");
        assertThat(sentHeaders).isEmpty();
        assertThat(parked).isEmpty();
    }

    private static AtqConfig config() {
        AtqConfig base = TestConfigs.load();
        return new AtqConfig(base.source(), base.port(), base.sharedPath(), base.pullImages(), base.probeImage(),
                base.limits(), base.images(), List.of(new ClientConfig("ci", ClientRole.SUBMITTER, "00".repeat(32), SECRET, 10, 10)),
                null, null, null, null);
    }
}
