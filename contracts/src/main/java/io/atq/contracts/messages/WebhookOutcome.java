package io.atq.contracts.messages;

/** What one webhook delivery attempt came to. Travels by name. */
public enum WebhookOutcome {
    /** The receiver answered 2xx: this event is delivered, no further attempt. */
    DELIVERED,
    /** It failed (another status, a redirect, a timeout, a connection error) and a later attempt is scheduled. */
    RETRYING,
    /** It failed and the retry schedule is used up: this event is not delivered. */
    GIVEN_UP,
    /** The receiver answered 410 Gone: nothing more is sent to that URL for this task. */
    GONE,
    /** The SSRF guard refused the URL at delivery (its host resolved to a non-public address): not sent. */
    REFUSED
}
