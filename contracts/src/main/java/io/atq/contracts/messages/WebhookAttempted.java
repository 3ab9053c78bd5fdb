package io.atq.contracts.messages;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * Event from a gateway: it made one delivery attempt of a task's webhook. Published to the task log stream so every
 * gateway can list every attempt ({@code GET /v1/tasks/{id}/deliveries}); directors ignore it.
 *
 * @param taskId        the task
 * @param webhookId     the Standard Webhooks {@code webhook-id}: one per event, the same on every attempt
 * @param phase         the phase whose entry the webhook reports
 * @param attempt       1 for the first attempt, 2 for the first retry, …
 * @param at            when the attempt started (gateway clock)
 * @param status        the HTTP status the receiver answered; {@code null} when no answer came
 * @param error         what went wrong when there was no 2xx ({@code null} on success)
 * @param outcome       {@link WebhookOutcome}
 * @param nextAttemptAt when the next attempt is due, for {@link WebhookOutcome#RETRYING}; else {@code null}
 * @param gateway       the id of the gateway that made the attempt
 */
public record WebhookAttempted(TaskId taskId, String webhookId, Phase phase, int attempt, Instant at, @Nullable Integer status,
                               @Nullable String error, WebhookOutcome outcome, @Nullable Instant nextAttemptAt, String gateway)
        implements TaskMessage {
    public WebhookAttempted {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
    }
}
