package io.atq.contracts.messages;

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
}
