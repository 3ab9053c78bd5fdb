package io.atq.gateway.evidence;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.tasks.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class LogServingTest {
    private static final TaskId T = TaskId.parse("00000000-0000-4000-8000-000000000001");
    @TempDir
    Path dir;

    @Test
    void aWorkersLineIsScrubbedThenPrefixedWithItsSlot() {
        UnaryOperator<String> scrub = line -> line.replace("s3cr3t", "***");

        assertThat(LogLines.rendering(scrub, 2).apply("key=s3cr3t")).isEqualTo("[worker-2] key=***");
        assertThat(LogLines.rendering(scrub, null).apply("key=s3cr3t")).isEqualTo("key=***");
    }

    @Test
    void aTailReturnsOnlyCompleteLinesUntilTheLastRead() throws IOException {
        Path log = dir.resolve("master.log");
        LogTail tail = new LogTail(log);

        assertThat(tail.poll(false)).as("no file yet").isEmpty();
        append(log, "one\ntw");
        assertThat(tail.poll(false)).containsExactly("one");
        append(log, "o\nthree\nfour-without-newline");
        assertThat(tail.poll(false)).containsExactly("two", "three");
        assertThat(tail.poll(false)).isEmpty();
        assertThat(tail.poll(true)).containsExactly("four-without-newline");
    }

    @Test
    void aTailKeepsACharacterWrittenInTwoHalves() throws IOException {
        Path log = dir.resolve("master.log");
        LogTail tail = new LogTail(log);
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);

        Files.write(log, new byte[]{e[0]});
        assertThat(tail.poll(false)).isEmpty();
        Files.write(log, new byte[]{e[1], '\n'}, StandardOpenOption.APPEND);

        assertThat(tail.poll(false)).containsExactly("é");
    }

    @Test
    void evidenceExpiresOneRetentionAfterTheTerminalPhase() {
        Instant end = Instant.parse("2030-01-01T00:10:00Z");
        TaskState running = TaskState.requested(new TaskRequested(T, new TaskSpec("load",
                new WorkerSpec("atq/demo-worker:1", 1, Map.of("MODE", "node"), null), new MasterSpec("atq/demo-master:1", Map.of()),
                Duration.ofMinutes(10)), Instant.parse("2030-01-01T00:00:00Z")));
        TaskState ended = running.apply(new TaskPhaseChanged(T, Phase.CANCELLED, end, "d", List.of(), 143, null));
        EvidenceRetention retention = new EvidenceRetention(Duration.ofHours(1));

        assertThat(retention.expiresAt(running)).isEmpty();
        assertThat(retention.expired(running, end.plus(Duration.ofDays(30)))).isFalse();
        assertThat(retention.expiresAt(ended)).contains(end.plus(Duration.ofHours(1)));
        assertThat(retention.expired(ended, end.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(retention.expired(ended, end.plus(Duration.ofHours(1)))).isTrue();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
