package io.atq.director.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker container dies for real (SIGKILL through the Docker API) while the master runs its load: the director must
 * fail the task at once as an infrastructure fault naming the worker, not wait for the master or the task's deadline.
 */
class WorkerDeathIT extends DirectorITSupport {
    /** Far beyond anything the test waits for: reaching it would mean the death went unnoticed. */
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(9);
    /** Generous on a busy 2-core machine; only catches a hang, it is no timing claim. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(60);

    @Autowired
    DockerClient docker;

    @Test
    void aWorkerKilledWhileTheMasterRunsFailsTheTaskAsInfraNamingTheWorkerLongBeforeTheDeadline() throws Exception {
        TaskRequested request = new TaskRequested(TaskId.random(),
                new TaskSpec("it", new WorkerSpec("atq/demo-worker:1", 2, Map.of("MODE", "ok", "TEST_NAME", "it"), 8080),
                        new MasterSpec("atq/demo-master:1", Map.of("MODE", "ok", "DURATION", "120")), TASK_TIMEOUT),
                Instant.now());
        publish(request);
        tap.awaitPhase(request.taskId(), Phase.RUNNING, Duration.ofSeconds(120));

        Container victim = runningWorkers(request.taskId()).getFirst();
        String slot = slotOf(victim);
        Instant killedAt = Instant.now();
        docker.killContainerCmd(victim.getId()).exec();
        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), NOTICED_WITHIN);

        TaskPhaseChanged failed = events.getLast();
        System.out.printf("[numbers] worker %s killed: %s after %d ms: %s%n", slot, failed.phase(),
                Duration.between(killedAt, failed.at()).toMillis(), failed.failure() == null ? null : failed.failure().message());
        assertThat(phaseNames(events)).containsExactly("PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER",
                "RUNNING", "FAILED");
        assertThat(failed.failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(failed.failure().message()).contains("worker task " + slot + " on ").contains(" ended").contains("137");
        assertThat(failed.at()).isBefore(request.deadline());
        // The master was still loading the survivors: its log so far is kept for the post-mortem.
        assertThat(Files.readString(SHARED_PATH.resolve("tasks").resolve(request.taskId().value()).resolve("master.log")))
                .contains("running the load for 120s");
        assertThat(tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45)).complete()).isTrue();
    }

    /** The task's worker containers Docker reports as running, both of them (RUNNING implies every worker runs). */
    private List<Container> runningWorkers(TaskId taskId) {
        List<Container> workers = docker.listContainersCmd()
                .withLabelFilter(Map.of(Labels.TASK, taskId.value(), Labels.ROLE, Labels.Role.WORKER.label()))
                .withStatusFilter(List.of("running"))
                .exec();
        assertThat(workers).as("running worker containers of task %s", taskId).hasSize(2);
        return workers;
    }

    /** Swarm names a task's container {@code <service>.<slot>.<task id>}; the director names the slot in its message. */
    private static String slotOf(Container container) {
        String taskName = container.getLabels().get("com.docker.swarm.task.name");
        assertThat(taskName).as("swarm task name of %s", container.getId()).isNotNull();
        String[] parts = taskName.split("\\.");
        return parts[parts.length - 2];
    }
}
