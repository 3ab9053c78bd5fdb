package io.atq.director.swarm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerTaskStatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "new, STARTING", "allocated, STARTING", "pending, STARTING", "assigned, STARTING", "accepted, STARTING",
            "preparing, STARTING", "ready, STARTING", "starting, STARTING",
            "running, RUNNING",
            "complete, COMPLETE",
            "failed, FAILED", "shutdown, FAILED", "rejected, FAILED", "orphaned, FAILED", "remove, FAILED",
            "RUNNING, RUNNING"})
    void mapsEveryDockerTaskState(String docker, ReplicaState expected) {
        assertThat(DockerTaskStates.replicaState(docker)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void treatsAMissingStateAsStillStarting(String docker) {
        assertThat(DockerTaskStates.replicaState(docker)).isEqualTo(ReplicaState.STARTING);
    }

    @Test
    void treatsAnUnknownFutureStateAsStillStartingBecauseEveryWaitHasADeadline() {
        assertThat(DockerTaskStates.replicaState("hibernating")).isEqualTo(ReplicaState.STARTING);
    }

    @Test
    void onlyAContainerThatExitedCarriesAVerdict() {
        ReplicaStatus failedRun = new ReplicaStatus(1, ReplicaState.FAILED, "failed", "started", "task: non-zero exit (3)", 3);
        ReplicaStatus rejected = new ReplicaStatus(1, ReplicaState.FAILED, "rejected", "preparing", "No such image: x", null);
        ReplicaStatus running = new ReplicaStatus(1, ReplicaState.RUNNING, "running", "started", null, null);

        assertThat(failedRun.exited()).isTrue();
        assertThat(rejected.exited()).isFalse();
        assertThat(running.exited()).isFalse();
        assertThat(failedRun.describe()).isEqualTo("failed task: non-zero exit (3)");
        assertThat(rejected.describe()).isEqualTo("rejected No such image: x");
    }
}
