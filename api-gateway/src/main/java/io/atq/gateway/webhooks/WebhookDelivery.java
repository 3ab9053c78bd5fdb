package io.atq.gateway.webhooks;

import io.atq.contracts.messages.WebhookAttempted;
import io.atq.contracts.messages.WebhookOutcome;
import io.atq.gateway.publish.TaskPublisher;
import io.atq.messaging.PublishException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Makes one attempt of a delivery job: re-checks the URL (SSRF guard), signs, POSTs, decides the outcome, parks the
 * job on the retry ladder when another attempt is due (confirmed before returning), and records the attempt on the
 * task log. The caller acknowledges its message only after this returns: a crash before that repeats the attempt
 * (same {@code webhook-id}, so receivers can drop the duplicate), never loses it.
 */
public final class WebhookDelivery {
    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final CallbackGuard guard;
    private final WebhookSender sender;
    private final RetryScheduler retries;
    private final RetryLadder ladder;
    private final TaskPublisher publisher;
    private final DeliveryLedger ledger;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration timeout;
    private final String gatewayId;

    public WebhookDelivery(CallbackGuard guard, WebhookSender sender, RetryScheduler retries, RetryLadder ladder,
                           TaskPublisher publisher, DeliveryLedger ledger, DeliveryMetrics metrics, Clock clock,
                           RandomGenerator random, Duration timeout, String gatewayId) {
        this.guard = guard;
        this.sender = sender;
        this.retries = retries;
        this.ladder = ladder;
        this.publisher = publisher;
        this.ledger = ledger;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.timeout = timeout;
        this.gatewayId = gatewayId;
    }

    /**
     * One attempt of {@code job}; returns its record, or empty when nothing was attempted (already delivered, or the
     * URL answered 410 before).
     *
     * @throws RuntimeException when the retry could not be parked (broker): the job must be handed out again
     */
    public Optional<WebhookAttempted> attempt(DeliveryJob job) {
        if (ledger.isDelivered(job.webhookId()) || ledger.isGone(job.taskId())) {
            log.debug("Webhook {} attempt {} skipped: already delivered, or the URL answered 410", job.webhookId(), job.attempt());
            return Optional.empty();
        }
        Instant at = clock.instant();
        Optional<String> secret = guard.secretOf(job.clientId());
        if (secret.isEmpty()) {
            return Optional.of(finish(job, at, null, "client '" + job.clientId() + "' has no webhook secret (any more)",
                    WebhookOutcome.REFUSED, null));
        }
        CallbackTarget target;
        try {
            target = guard.check(job.url());
        } catch (CallbackRefusedException e) {
            log.warn("Webhook {} to {} refused by the SSRF guard: {}", job.webhookId(), job.url(), e.getMessage());
            return Optional.of(finish(job, at, null, "refused: " + e.getMessage(), WebhookOutcome.REFUSED, null));
        } catch (UnknownHostException e) {
            return Optional.of(failed(job, at, null, "host does not resolve: " + e.getMessage(), null));
        }
        byte[] body = job.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", job.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", new WebhookSigner(secret.get()).sign(job.webhookId(), timestamp, body));
        long started = System.nanoTime();
        WebhookSender.Response response = sender.post(target.uri(), target.addresses(), headers, body, timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (response.isSuccess()) {
            return Optional.of(finish(job, at, response.status(), null, WebhookOutcome.DELIVERED, took));
        }
        if (response.status() != null && response.status() == 410) {
            return Optional.of(finish(job, at, 410, "410 Gone: no more deliveries to this URL for this task",
                    WebhookOutcome.GONE, took));
        }
        // A response without an error has a status.
        String error = response.error() != null ? response.error() : "HTTP " + response.status()
                + (Objects.requireNonNull(response.status()) >= 300 && response.status() < 400 ? " (redirects are not followed)" : "");
        return Optional.of(failed(job, at, response.status(), error, took));
    }

    /** A failed attempt: park the job for the next one, or give up after the last. */
    private WebhookAttempted failed(DeliveryJob job, Instant at, @Nullable Integer status, String error, @Nullable Duration took) {
        Optional<RetryLadder.Wait> wait = ladder.after(job.attempt(), random);
        if (wait.isEmpty()) {
            log.warn("Webhook {} to {} given up after {} attempts: {}", job.webhookId(), job.url(), job.attempt(), error);
            return finish(job, at, status, error, WebhookOutcome.GIVEN_UP, took);
        }
        // Parked (and confirmed) before the attempt is recorded or acknowledged: a failure here loses nothing.
        retries.schedule(job.next(), wait.get());
        Instant next = clock.instant().plus(wait.get().expiration());
        log.debug("Webhook {} attempt {} failed ({}); attempt {} due about {}", job.webhookId(), job.attempt(), error,
                job.attempt() + 1, next);
        return record(job, at, status, error, WebhookOutcome.RETRYING, next, took);
    }

    private WebhookAttempted finish(DeliveryJob job, Instant at, @Nullable Integer status, @Nullable String error, WebhookOutcome outcome,
                                    @Nullable Duration took) {
        return record(job, at, status, error, outcome, null, took);
    }

    private WebhookAttempted record(DeliveryJob job, Instant at, @Nullable Integer status, @Nullable String error, WebhookOutcome outcome,
                                    @Nullable Instant next, @Nullable Duration took) {
        WebhookAttempted attempted = new WebhookAttempted(job.taskId(), job.webhookId(), job.phase(), job.attempt(), at,
                status, error, outcome, next, gatewayId);
        metrics.attempted(outcome, outcome == WebhookOutcome.REFUSED ? null : took);
        // Seen here at once (so this gateway stops after a 2xx or a 410 without waiting for the stream).
        ledger.apply(attempted);
        try {
            publisher.publish(attempted);
        } catch (PublishException e) {
            // Only the record is lost (other gateways will not list this attempt); the delivery itself is settled.
            log.warn("Webhook {} attempt {} ({}) not recorded on the task log: {}", job.webhookId(), job.attempt(), outcome, e.getMessage());
        }
        return attempted;
    }
}
