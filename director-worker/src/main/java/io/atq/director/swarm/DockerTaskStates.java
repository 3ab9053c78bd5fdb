package io.atq.director.swarm;

import org.jspecify.annotations.Nullable;

import java.util.Locale;

/** Side-effect-free translation of Docker's task state strings into {@link ReplicaState}. */
public final class DockerTaskStates {
    private DockerTaskStates() {
    }

    /**
     * Maps a Docker task state ({@code "running"}, {@code "rejected"}, …).
     * An unknown or missing state counts as {@link ReplicaState#STARTING}: a newer engine may add
     * intermediate states, and every wait on a replica is bounded by a deadline anyway.
     */
    public static ReplicaState replicaState(@Nullable String dockerState) {
        if (dockerState == null) {
            return ReplicaState.STARTING;
        }
        return switch (dockerState.toLowerCase(Locale.ROOT)) {
            case "running" -> ReplicaState.RUNNING;
            case "complete" -> ReplicaState.COMPLETE;
            case "failed", "shutdown", "rejected", "orphaned", "remove" -> ReplicaState.FAILED;
            default -> ReplicaState.STARTING;
        };
    }

    /**
     * Whether a task's desired state ({@code "running"}, {@code "shutdown"}, …) says Swarm no longer wants it to run:
     * any state past running, the same states that end a replica ({@link #replicaState}). A missing or unknown desired
     * state counts as still wanted.
     */
    public static boolean givenUp(@Nullable String desiredState) {
        return desiredState != null && replicaState(desiredState).ended();
    }
}
