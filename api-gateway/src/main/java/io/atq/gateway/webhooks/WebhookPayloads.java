package io.atq.gateway.webhooks;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.views.TaskView;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.DateTimeFeature;

import java.time.Instant;

/**
 * The JSON body of a webhook, Standard Webhooks style: {@code {"type", "timestamp", "data"}}. {@code data} names the
 * event (task, phase entered, its sequence number, when) and carries the task's view (secrets masked) as it was when
 * the first attempt was built. The view always includes the event (its history holds {@code data.phase} at
 * {@code data.sequence}); it may already be past it, since events are delivered independently of each other.
 */
public final class WebhookPayloads {
    /** The event type of every ATQ webhook. */
    public static final String TYPE = "task.phase-changed";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private WebhookPayloads() {
    }

    /** The payload. */
    public record Payload(String type, Instant timestamp, Data data) {
    }

    /**
     * The event and the task.
     *
     * @param taskId   the task
     * @param phase    the phase the task entered
     * @param sequence the phase's index in the task's history (0 = QUEUED): the id of the same event on the task's
     *                 server-sent event stream, so receivers can order deliveries that arrive out of order
     * @param at       when the task entered the phase
     * @param task     the task's view, at or past {@code phase}
     */
    public record Data(String taskId, Phase phase, int sequence, Instant at, TaskView task) {
    }

    /**
     * The body for the task entering {@code phase} (history index {@code sequence}) at {@code at};
     * {@code maskedView} must already hide secret args.
     */
    public static String body(TaskId taskId, Phase phase, int sequence, Instant at, TaskView maskedView) {
        return JSON.writeValueAsString(new Payload(TYPE, at, new Data(taskId.value(), phase, sequence, at, maskedView)));
    }
}
