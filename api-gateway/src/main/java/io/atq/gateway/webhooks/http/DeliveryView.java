package io.atq.gateway.webhooks.http;

import io.atq.contracts.messages.WebhookAttempted;
import io.atq.contracts.phase.Phase;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Locale;

/**
 * One webhook attempt as the API shows it.
 *
 * @param webhookId     the {@code webhook-id} header sent (the same on every attempt of one event)
 * @param phase         the phase whose entry the webhook reports
 * @param attempt       1 for the first attempt
 * @param at            when the attempt started
 * @param status        the receiver's HTTP status; {@code null} when none came
 * @param error         what went wrong
 * @param outcome       {@code delivered}, {@code retrying}, {@code given_up}, {@code gone} or {@code refused}
 * @param nextAttemptAt when the next attempt is due (about: ±20 % jitter is already applied), for {@code retrying}
 * @param gateway       the gateway that made the attempt
 */
public record DeliveryView(String webhookId, Phase phase, int attempt, Instant at, @Nullable Integer status, @Nullable String error,
                           String outcome, @Nullable Instant nextAttemptAt, String gateway) {

    static DeliveryView of(WebhookAttempted a) {
        return new DeliveryView(a.webhookId(), a.phase(), a.attempt(), a.at(), a.status(), a.error(),
                a.outcome().name().toLowerCase(Locale.ROOT), a.nextAttemptAt(), a.gateway());
    }
}
