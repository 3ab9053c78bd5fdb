package io.atq.director.swarm;

/** Our small view of a Swarm task's state; see {@link DockerTaskStates#replicaState(String)} for the mapping. */
public enum ReplicaState {
    /** Not running yet: new, allocated, pending, assigned, accepted, preparing, ready, starting. */
    STARTING,
    /** The container runs. */
    RUNNING,
    /** The container exited 0. */
    COMPLETE,
    /** It ended otherwise: non-zero exit, rejected (never started), shut down, orphaned or being removed. */
    FAILED;

    /** Whether the replica will not run (any more). */
    public boolean ended() {
        return this == COMPLETE || this == FAILED;
    }
}
