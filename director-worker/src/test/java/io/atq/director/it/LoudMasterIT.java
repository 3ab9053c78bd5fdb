package io.atq.director.it;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master that prints 2,000,000 lines (128 MB) while the director keeps 8 MiB of each log: the task still succeeds,
 * master.log holds the first 8 MiB and one line saying what was left out, the terminal event says the evidence was
 * cut, and the director's live heap stays flat (reading the whole log into memory, as it once did, holds 128 MB+ for
 * seconds and ran out of heap).
 */
class LoudMasterIT {
    private static final long CAP = 8L * 1024 * 1024;
    private static final int LINES = 2_000_000;
    /** Each flood line is 64 bytes with its newline (demo-master's LOG_LINES). */
    private static final int LINE_BYTES = 64;
    private static final Duration RUN = Duration.ofMinutes(6);

    @Test
    void aMasterPrintingTwoMillionLinesSucceedsWithItsLogCutAtTheCapAndTheHeapFlat() throws Exception {
        try (IsolatedDirector director = new IsolatedDirector(yaml -> yaml, Map.of("atq.director.evidence.max-log-size", "8MB"))) {
            TaskRequested task = new TaskRequested(TaskId.random(),
                    new TaskSpec("loud", new WorkerSpec("atq/demo-worker:1", 1, Map.of("MODE", "ok"), 8080),
                            new MasterSpec("atq/demo-master:1", Map.of("MODE", "ok", "LOG_LINES", Integer.toString(LINES))),
                            Duration.ofMinutes(10)),
                    Instant.now());
            List<TaskPhaseChanged> phases;
            try (HeapWatch heap = new HeapWatch(Duration.ofSeconds(1))) {
                director.publish(task);
                phases = director.tap.awaitTerminal(task.taskId(), RUN);
                System.out.printf("[heap] live heap before %d MiB, rose at most %d MiB over %d samples%n",
                        heap.baseline() >> 20, heap.rise() >> 20, heap.samples());
                assertThat(heap.samples()).as("samples taken during the run").isGreaterThan(10);
                assertThat(heap.rise()).as("live heap rise while the master floods (bytes)").isLessThan(48L * 1024 * 1024);
            }

            TaskPhaseChanged end = phases.getLast();
            assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(end.evidence().complete()).isFalse();
            assertThat(end.evidence().problems()).singleElement().asString()
                    .startsWith("master.log: truncated at " + CAP + " bytes, ").endsWith(" lines left out");

            Path log = Path.of("target", "it-shared", director.instance, "tasks", task.taskId().value(), "master.log");
            long size = Files.size(log);
            assertThat(size).isGreaterThan(CAP - 2 * LINE_BYTES).isLessThan(CAP + 200);
            String last = lastLine(log);
            assertThat(last).matches("\\[atq] log truncated at " + CAP + " bytes: \\d+ more bytes in \\d+ lines left out");
            long kept = countLines(log) - 1;
            long leftOutLines = Long.parseLong(last.replaceAll(".* bytes in (\\d+) lines left out", "$1"));
            // Everything the master printed is either kept or counted: its own few lines plus the flood.
            assertThat(kept + leftOutLines).isBetween((long) LINES, LINES + 20L);
            assertThat(Files.readString(log.resolveSibling("workers").resolve("worker-1.log"))).contains("demo-worker: start");
            director.tap.awaitCleanedUp(task.taskId(), Duration.ofSeconds(60));
        }
    }

    private static long countLines(Path file) throws Exception {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().count();
        }
    }

    private static String lastLine(Path file) throws Exception {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().reduce((a, b) -> b).orElse("");
        }
    }
}
