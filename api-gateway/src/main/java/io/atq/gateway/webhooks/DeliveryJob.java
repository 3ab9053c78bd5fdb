package io.atq.gateway.webhooks;

import io.atq.contracts.phase.Phase;

import io.atq.contracts.tasks.TaskId;

import java.util.Objects;

/**
 * One webhook event on its way to its receiver: everything an attempt needs, so any gateway can make the next attempt
 * from the job alone. The body is built once, at the first attempt, and sent unchanged on every retry; the secret is
 * not in it (looked up by client id at each attempt).
 *
 * @param taskId    the task
 * @param clientId  the client that submitted the task (whose secret signs)
 * @param webhookId the Standard Webhooks {@code webhook-id}, stable across attempts
 * @param phase     the phase whose entry is reported
 * @param url       the callback URL
 * @param body      the JSON payload, secrets masked
 * @param attempt   the number of the attempt this job is for (1 = first)
 */
public record DeliveryJob(TaskId taskId, String clientId, String webhookId, Phase phase, String url, String body, int attempt) {
    public DeliveryJob {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }

    /** The webhook id of a task's phase: deterministic, so a redelivered event keeps its id. */
    public static String webhookId(TaskId taskId, Phase phase) {
        return "msg_" + taskId + "_" + phase.name();
    }

    /** The same delivery, for the following attempt. */
    public DeliveryJob next() {
        return new DeliveryJob(taskId, clientId, webhookId, phase, url, body, attempt + 1);
    }
}
