package io.atq.director.swarm;

import com.github.dockerjava.api.model.TaskStatusContainerStatus;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;
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

    @Test
    void aFailedTaskWhoseContainerVanishedHasNoExitCodeNotASuccess() {
        // Seen after dockerd was stopped gracefully: it removed the container; the task reads failed, exit 0.
        Task lost = task("failed", "No such container: atq-x-master.1.abc", "437b829b8853", 0L);

        ReplicaStatus status = DockerSwarmClient.toStatus(lost);

        assertThat(status.state()).isEqualTo(ReplicaState.FAILED);
        assertThat(status.exitCode()).isNull();
        assertThat(status.exited()).isFalse();
        assertThat(status.describe()).isEqualTo("failed No such container: atq-x-master.1.abc");
    }

    @Test
    void aCompletedOrNonZeroExitKeepsItsCode() {
        assertThat(DockerSwarmClient.toStatus(task("complete", null, "437b829b8853", 0L)).exitCode()).isZero();
        assertThat(DockerSwarmClient.toStatus(task("failed", "task: non-zero exit (143)", "437b829b8853", 143L)).exitCode())
                .isEqualTo(143);
        assertThat(DockerSwarmClient.toStatus(task("rejected", "No such image: x", "", 0L)).exitCode()).isNull();
    }

    @Test
    void aTaskSwarmShutDownBeforeItReportedAnEndIsGivenUpAndAnEndedOneNever() {
        // What a manager shows for the task of a node it marked down: desired shutdown, last report "running".
        Task onLostNode = task("running", null, "437b829b8853", 0L).withDesiredState(TaskState.SHUTDOWN);
        Task stillWanted = task("running", null, "437b829b8853", 0L).withDesiredState(TaskState.RUNNING);
        Task endedAndShutDown = task("complete", null, "437b829b8853", 0L).withDesiredState(TaskState.SHUTDOWN);

        assertThat(DockerSwarmClient.toStatus(onLostNode).givenUp()).isTrue();
        assertThat(DockerSwarmClient.toStatus(onLostNode).state()).as("its last report stays").isEqualTo(ReplicaState.RUNNING);
        assertThat(DockerSwarmClient.toStatus(stillWanted).givenUp()).isFalse();
        assertThat(DockerSwarmClient.toStatus(endedAndShutDown).givenUp()).as("an ended task has its verdict").isFalse();
        assertThat(DockerSwarmClient.toStatus(task("running", null, "", 0L)).givenUp()).as("no desired state").isFalse();
    }

    @ParameterizedTest(name = "desired {0} -> given up {1}")
    @CsvSource({"running, false", "ready, false", "shutdown, true", "remove, true", "orphaned, true", "complete, true", "SHUTDOWN, true"})
    void onlyADesiredStatePastRunningGivesUp(String desired, boolean givenUp) {
        assertThat(DockerTaskStates.givenUp(desired)).isEqualTo(givenUp);
    }

    private static Task task(String state, String error, String containerId, long exitCode) {
        TaskStatus status = new TaskStatus()
                .withState(TaskState.valueOf(state.toUpperCase(java.util.Locale.ROOT)))
                .withMessage("started")
                .withErr(error)
                .withContainerStatus(new TaskStatusContainerStatus().withContainerID(containerId).withExitCode(exitCode));
        return new Task().withSlot(1).withStatus(status);
    }
}
