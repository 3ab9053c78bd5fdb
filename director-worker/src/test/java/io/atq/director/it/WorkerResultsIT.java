package io.atq.director.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Container;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.atq.director.support.Thresholds.below;
import static io.atq.director.support.Thresholds.withThresholds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the real swarm: every worker writes to its own {@code /atq/results}, which is {@code results/workers/<slot>/} of
 * the task folder; at the end the director merges every results file into {@code results-summary.json} and gates the
 * verdict on the task's thresholds. The demo worker writes no results file, so the test writes one inside each worker
 * container ({@code docker exec}), as a load generator would, while the master runs.
 */
class WorkerResultsIT extends DirectorITSupport {
    @Autowired
    DockerClient docker;

    @Test
    void eachWorkersFileLandsInItsSlotsFolderAndTheMergedResultsTravelOnTheTerminalPhase() throws Exception {
        TaskRequested request = demoTask(2, Map.of("MODE", "ok", "DURATION", "6"));
        publish(request);
        tap.awaitPhase(request.taskId(), Phase.RUNNING, RUN_LIMIT);

        Map<Integer, String> workers = writeSamplesInEveryWorker(request, 20, 40);
        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), RUN_LIMIT);

        assertThat(workers).containsOnlyKeys(1, 2);
        for (int slot : workers.keySet()) {
            assertThat(Files.readString(folder(request).resolve("results/workers/" + slot + "/samples.csv")))
                    .as("worker %d's file on the host", slot).startsWith("timestamp,elapsed_ms,label,success\n").contains(",40,slot-" + slot + ",true");
        }
        TaskPhaseChanged end = events.getLast();
        assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
        ResultsHeadline results = end.results();
        assertThat(results).isNotNull();
        assertThat(results.filesRead()).isEqualTo(2);
        assertThat(results.samples()).isEqualTo(40);
        assertThat(results.unreadable()).isEmpty();
        assertThat(results.thresholds()).isEmpty();
        String summary = Files.readString(folder(request).resolve("results-summary.json"));
        assertThat(summary).contains("\"path\":\"results/workers/1/samples.csv\"", "\"path\":\"results/workers/2/samples.csv\"");
        System.out.printf("[results] %s: %d files, %d samples, latency %s; summary %d bytes%n", request.taskId(), results.filesRead(),
                results.samples(), results.latencyMs(), summary.length());
    }

    @Test
    void aBreachedThresholdFailsATaskWhoseMasterExitedZeroNamingTheThresholdAndTheValue() throws Exception {
        TaskRequested request = withThresholds(demoTask(2, Map.of("MODE", "ok", "DURATION", "6")),
                below("p95", 100), below("errorRate", 0.5));
        publish(request);
        tap.awaitPhase(request.taskId(), Phase.RUNNING, RUN_LIMIT);

        writeSamplesInEveryWorker(request, 10, 250);
        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), RUN_LIMIT);

        TaskPhaseChanged end = events.getLast();
        assertThat(end.exitCode()).as("the master itself succeeded").isZero();
        assertThat(end.phase()).isEqualTo(Phase.FAILED);
        assertThat(end.failure().cause()).isEqualTo(FailureCause.TEST);
        assertThat(end.failure().message()).startsWith("threshold breached: p95 of all samples below 100.0 ms: was 250.");
        assertThat(end.results().thresholds()).extracting(o -> o.threshold().metric() + " " + o.passed())
                .containsExactly("p95 false", "errorRate true");
        assertThat(Files.readString(folder(request).resolve("results-summary.json")))
                .contains("\"thresholds\":[{\"metric\":\"p95\"", "\"passed\":false");
        System.out.printf("[results] %s: %s %s%n", request.taskId(), end.phase(), end.failure().message());
    }

    private static Path folder(TaskRequested request) {
        return SHARED_PATH.resolve("tasks").resolve(request.taskId().value());
    }

    /**
     * Writes {@code rows} samples of {@code elapsedMs} each, labelled {@code slot-<n>}, to {@code /atq/results/samples.csv}
     * inside every worker container of the task; the containers' ids by slot.
     */
    private Map<Integer, String> writeSamplesInEveryWorker(TaskRequested request, int rows, int elapsedMs) throws InterruptedException {
        List<Container> containers = docker.listContainersCmd()
                .withLabelFilter(Map.of(Labels.TASK, request.taskId().value(), Labels.ROLE, Labels.Role.WORKER.label())).exec();
        Map<Integer, String> bySlot = new TreeMap<>();
        long start = System.currentTimeMillis();
        for (Container container : containers) {
            // Swarm names a replica's container after its task: <service>.<slot>.<task id>.
            int slot = Integer.parseInt(container.getLabels().get("com.docker.swarm.task.name").split("\\.")[1]);
            String csv = "timestamp,elapsed_ms,label,success\\n" + IntStream.range(0, rows)
                    .mapToObj(i -> (start + i * 100L) + "," + elapsedMs + ",slot-" + slot + ",true\\n").collect(Collectors.joining());
            exec(container.getId(), "printf '" + csv + "' > /atq/results/samples.csv");
            bySlot.put(slot, container.getId());
        }
        return bySlot;
    }

    private void exec(String containerId, String script) throws InterruptedException {
        ExecCreateCmdResponse exec = docker.execCreateCmd(containerId).withCmd("/bin/sh", "-c", script)
                .withAttachStdout(true).withAttachStderr(true).exec();
        docker.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<>()).awaitCompletion(10, TimeUnit.SECONDS);
        assertThat(docker.inspectExecCmd(exec.getId()).exec().getExitCodeLong()).as("exit of '%s' in %s", script, containerId).isZero();
    }
}
