package io.atq.gateway.webhooks;

import io.atq.contracts.messages.WebhookOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@value #DELIVERIES}: webhook attempts by outcome; {@value #ATTEMPT}: request-to-answer time of each HTTP attempt.
 * Every outcome is registered at start-up (at 0), so dashboards and alerts see the series before the first webhook.
 */
public final class DeliveryMetrics {
    /** Counter of attempts, tagged {@code outcome} (delivered, retrying, given_up, gone, refused). */
    public static final String DELIVERIES = "atq.webhook.deliveries";
    /** Timer of HTTP attempts (send to status or failure), tagged {@code outcome}. */
    public static final String ATTEMPT = "atq.webhook.attempt";

    private final Map<WebhookOutcome, Counter> counters = new EnumMap<>(WebhookOutcome.class);
    private final Map<WebhookOutcome, Timer> timers = new EnumMap<>(WebhookOutcome.class);

    public DeliveryMetrics(MeterRegistry registry) {
        for (WebhookOutcome outcome : WebhookOutcome.values()) {
            String tag = outcome.name().toLowerCase(Locale.ROOT);
            counters.put(outcome, Counter.builder(DELIVERIES).description("Webhook delivery attempts by outcome")
                    .tag("outcome", tag).register(registry));
            timers.put(outcome, Timer.builder(ATTEMPT).description("Webhook HTTP attempt, request to answer, by outcome")
                    .tag("outcome", tag).publishPercentileHistogram().register(registry));
        }
    }

    /** One attempt ended with {@code outcome}; {@code took} is null when no HTTP request was made (refused). */
    public void attempted(WebhookOutcome outcome, @Nullable Duration took) {
        // Both maps hold every outcome (filled in the constructor).
        Objects.requireNonNull(counters.get(outcome)).increment();
        if (took != null) {
            Objects.requireNonNull(timers.get(outcome)).record(took);
        }
    }
}
