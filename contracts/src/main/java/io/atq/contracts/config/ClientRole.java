package io.atq.contracts.config;

/** What an authenticated client may do. Travels by name ({@code submitter}, {@code admin} in YAML). */
public enum ClientRole {
    /** Submits tasks and sees only its own. */
    SUBMITTER,
    /** Sees and cancels every client's tasks. */
    ADMIN
}
