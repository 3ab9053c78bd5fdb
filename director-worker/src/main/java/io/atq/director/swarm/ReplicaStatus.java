package io.atq.director.swarm;

import org.jspecify.annotations.Nullable;

/**
 * One Swarm task (replica) of a service, as last reported by the manager.
 *
 * @param slot        the replica's slot (1-based)
 * @param state       our state
 * @param dockerState Docker's own state string, for messages
 * @param message     Docker's status message (e.g. {@code "started"})
 * @param error       Docker's error (e.g. {@code "task: non-zero exit (3)"}, {@code "No such image: …"})
 * @param exitCode    the container's exit code once it exited; {@code null} while it runs or when no container was ever created
 * @param at          when the replica entered its state (Swarm's {@code Status.Timestamp}: for an ended one, when it
 *                    ended); {@code null} when unknown
 * @param nodeId      the Swarm node the manager assigned it to; {@code null} before it is assigned
 * @param givenUp     Swarm shut the replica down although it has not ended: its desired state is past running while its
 *                    reported state is not. A manager does that to every task of a node it marks down (killed, cut
 *                    off) or drained; the reported state is stale then, nobody on that node reports it any more. Also
 *                    true for a moment while a service is being removed; never for one ATQ parked to stop it.
 */
public record ReplicaStatus(int slot, ReplicaState state, @Nullable String dockerState, @Nullable String message,
                            @Nullable String error, @Nullable Integer exitCode, java.time.@Nullable Instant at,
                            @Nullable String nodeId, boolean givenUp) {

    /** A status Swarm still wants running (see {@link #givenUp}). */
    public ReplicaStatus(int slot, ReplicaState state, @Nullable String dockerState, @Nullable String message,
                         @Nullable String error, @Nullable Integer exitCode, java.time.@Nullable Instant at,
                         @Nullable String nodeId) {
        this(slot, state, dockerState, message, error, exitCode, at, nodeId, false);
    }

    /** A status without its node. */
    public ReplicaStatus(int slot, ReplicaState state, @Nullable String dockerState, @Nullable String message,
                         @Nullable String error, @Nullable Integer exitCode, java.time.@Nullable Instant at) {
        this(slot, state, dockerState, message, error, exitCode, at, null, false);
    }

    /** A status without its time. */
    public ReplicaStatus(int slot, ReplicaState state, @Nullable String dockerState, @Nullable String message,
                         @Nullable String error, @Nullable Integer exitCode) {
        this(slot, state, dockerState, message, error, exitCode, null, null, false);
    }

    /** The same status, not {@link #givenUp}: Swarm shuts it down because ATQ stops it, and it will report its end. */
    public ReplicaStatus beingStopped() {
        return new ReplicaStatus(slot, state, dockerState, message, error, exitCode, at, nodeId, false);
    }

    /** Whether a container ran and exited, so {@link #exitCode} is the program's verdict. */
    public boolean exited() {
        return state.ended() && exitCode != null;
    }

    /** A short description for failure messages: {@code "failed task: non-zero exit (3)"}. */
    public String describe() {
        StringBuilder text = new StringBuilder(dockerState == null ? state.name().toLowerCase(java.util.Locale.ROOT) : dockerState);
        if (error != null && !error.isBlank()) {
            text.append(' ').append(error);
        } else if (exitCode != null) {
            text.append(" exit ").append(exitCode);
        }
        return text.toString();
    }
}
