package io.atq.director.it;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a task leaves in its folder on the real swarm: logs while and after it runs, results after a cancel. */
class EvidenceIT extends DirectorITSupport {

    private static Path folder(TaskRequested request) {
        return SHARED_PATH.resolve("tasks").resolve(request.taskId().value());
    }

    @Test
    void theMastersLogGrowsWhileItRunsAndEveryWorkerLogIsKeptWithTheEndMarker() throws Exception {
        TaskRequested request = demoTask(3, Map.of("MODE", "ok", "DURATION", "12"));
        publish(request);
        tap.awaitPhase(request.taskId(), Phase.RUNNING, RUN_LIMIT);

        Path masterLog = folder(request).resolve("master.log");
        String whileRunning = awaitContent(masterLog, "running the load for 12s", Duration.ofSeconds(30));
        assertThat(tap.phases(request.taskId())).as("the log was readable before the verdict")
                .noneMatch(event -> event.phase().isTerminal());
        assertThat(whileRunning).doesNotContain("summary reached=");

        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), RUN_LIMIT);
        assertThat(events.getLast().phase()).isEqualTo(Phase.SUCCEEDED);
        String complete = Files.readString(masterLog);
        assertThat(complete).startsWith(whileRunning).contains("summary reached=3 total=3");
        assertThat(complete.lines().filter(line -> line.startsWith("ATQ_TASK_ID="))).hasSize(1);
        for (int slot = 1; slot <= 3; slot++) {
            assertThat(Files.readString(folder(request).resolve("workers").resolve("worker-" + slot + ".log")))
                    .as("worker %d", slot).contains("demo-worker: start", "task=" + request.taskId());
        }
        assertThat(Instant.parse(Files.readString(folder(request).resolve("ended-at")))).isEqualTo(events.getLast().at());
        assertThat(Files.readString(folder(request).resolve("results").resolve("result.txt"))).contains("status=completed");
    }

    @Test
    void aCancelStopsTheMasterWithSigtermSoItsPartialResultAndLogsAreKept() throws Exception {
        TaskRequested request = demoTask(2, Map.of("MODE", "ok", "DURATION", "60"));
        publish(request);
        tap.awaitPhase(request.taskId(), Phase.RUNNING, RUN_LIMIT);
        awaitContent(folder(request).resolve("master.log"), "running the load for 60s", Duration.ofSeconds(30));

        publish(new CancelTask(request.taskId(), Instant.now()));
        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), Duration.ofSeconds(40));

        TaskPhaseChanged cancelled = events.getLast();
        assertThat(cancelled.phase()).isEqualTo(Phase.CANCELLED);
        assertThat(cancelled.exitCode()).as("the master exited on SIGTERM").isEqualTo(143);
        assertThat(Files.readString(folder(request).resolve("results").resolve("result.txt"))).contains("status=terminated");
        assertThat(Files.readString(folder(request).resolve("master.log")))
                .contains("running the load for 60s", "demo-master: terminated", "summary reached=2 total=2");
        assertThat(folder(request).resolve("workers").resolve("worker-1.log")).exists();
        assertThat(folder(request).resolve("workers").resolve("worker-2.log")).exists();
        assertThat(folder(request).resolve("ended-at")).exists();
    }

    /** Polls the file until it contains {@code text}; returns its content then. */
    private static String awaitContent(Path file, String text, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        String content = "";
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file)) {
                content = Files.readString(file);
                if (content.contains(text)) {
                    return content;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(file + " did not contain '" + text + "' within " + within + "; content: " + content);
    }
}
