package io.atq.contracts.messages;

import io.atq.contracts.phase.Phase;
import org.jspecify.annotations.Nullable;

/**
 * Where a task's phase changes are delivered as Standard Webhooks (signed with the submitting client's secret).
 * Checked by {@code TaskSpecValidator} for form; the gateway also refuses non-public hosts (SSRF guard).
 *
 * @param url    absolute {@code http} or {@code https} URL
 * @param events which phase changes are delivered; {@code null} means {@link CallbackEvents#TERMINAL}
 */
public record Callback(String url, CallbackEvents events) {
    public Callback {
        events = events == null ? CallbackEvents.TERMINAL : events;
    }

    /** Whether this callback is told about a task entering {@code phase}. */
    public boolean reports(Phase phase) {
        return events == CallbackEvents.ALL || phase.isTerminal();
    }

    /**
     * Whether webhooks report a task with {@code callback} (null: the request has none) entering {@code phase}. Only
     * such events are routed to the webhook event queue ({@link MessageType#routingKey(boolean)}).
     */
    public static boolean reported(@Nullable Callback callback, Phase phase) {
        return callback != null && callback.reports(phase);
    }
}
