package io.atq.gateway.tasks;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model shares equal specs among the tasks it holds, and that changes nothing a reader sees. */
class SpecSharingTest {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    /** A fresh copy each call, as a request body or a replayed message decodes into one. */
    private static TaskSpec spec(Map<String, String> labels) {
        return new TaskSpec(new String("load"), new WorkerSpec(new String("atq/demo-worker:1"), 3,
                new HashMap<>(Map.of("MODE", "node")), 8080),
                new MasterSpec(new String("atq/demo-master:1"), new HashMap<>(Map.of("MODE", "master"))),
                Duration.ofMinutes(10), labels, null, null);
    }

    private static TaskRequested request(TaskSpec spec) {
        return new TaskRequested(TaskId.random(), spec, T0, "team-a", UUID.randomUUID().toString(), null, null);
    }

    @Test
    void tasksWithEqualSpecsHoldOneSpec() {
        TaskBook book = new TaskBook(100);
        TaskState first = book.apply(request(spec(Map.of()))).orElseThrow();
        TaskState second = book.apply(request(spec(Map.of()))).orElseThrow();

        assertThat(second.spec()).isSameAs(first.spec());
    }

    @Test
    void specsThatDifferOnlyInLabelsShareTheirWorkersMasterNameAndTimeout() {
        TaskBook book = new TaskBook(100);
        TaskState first = book.apply(request(spec(Map.of("commit", "a1")))).orElseThrow();
        TaskState second = book.apply(request(spec(Map.of("commit", "b2")))).orElseThrow();

        assertThat(second.spec()).isNotSameAs(first.spec());
        assertThat(second.spec().labels()).containsExactly(Map.entry("commit", "b2"));
        assertThat(second.spec().workers()).isSameAs(first.spec().workers());
        assertThat(second.spec().master()).isSameAs(first.spec().master());
        assertThat(second.spec().name()).isSameAs(first.spec().name());
        assertThat(second.spec().timeout()).isSameAs(first.spec().timeout());
    }

    @Test
    void specsThatDifferOnlyInLabelsShareTheirThresholds() {
        TaskBook book = new TaskBook(100);
        TaskState first = book.apply(request(withThresholds(spec(Map.of("commit", "a1"))))).orElseThrow();
        TaskState second = book.apply(request(withThresholds(spec(Map.of("commit", "b2"))))).orElseThrow();

        assertThat(second.spec().thresholds()).containsExactly(new Threshold("p95", "*", 500.0, null));
        assertThat(second.spec().thresholds().getFirst()).isSameAs(first.spec().thresholds().getFirst());
        assertThat(second.spec()).isEqualTo(withThresholds(spec(Map.of("commit", "b2"))));
    }

    private static TaskSpec withThresholds(TaskSpec spec) {
        return new TaskSpec(spec.name(), spec.workers(), spec.master(), spec.timeout(), spec.labels(), spec.bundle(),
                spec.callback(), new ArrayList<>(List.of(new Threshold(new String("p95"), "*", 500.0, null))));
    }

    @Test
    void aSharedSpecEqualsTheOneRequested() {
        TaskBook book = new TaskBook(100);
        book.apply(request(spec(Map.of("branch", "main"))));
        TaskSpec requested = spec(Map.of("branch", "main"));

        TaskState state = book.apply(request(requested)).orElseThrow();

        assertThat(state.spec()).isEqualTo(requested).hasSameHashCodeAs(requested);
    }

    @Test
    void onlyTheMostRecentSpecsAreRemembered() {
        SpecInterner interner = new SpecInterner(4);
        TaskSpec kept = interner.intern(spec(Map.of("run", "0")));
        for (int run = 1; run <= 10; run++) {
            interner.intern(spec(Map.of("run", Integer.toString(run))));
        }

        // Forgotten: an equal spec is a new instance again (and holds what it was given).
        TaskSpec again = interner.intern(spec(Map.of("run", "0")));
        assertThat(again).isEqualTo(kept).isNotSameAs(kept);
    }

    @Test
    void emptyArgsAndLabelsAreTheSharedEmptyMap() {
        TaskSpec spec = new TaskSpec("load", new WorkerSpec("w:1", 1, new HashMap<>(), null),
                new MasterSpec("m:1", new HashMap<>()), Duration.ofMinutes(1), new HashMap<>(), null, null);

        assertThat(spec.labels()).isSameAs(Map.of());
        assertThat(spec.workers().args()).isSameAs(Map.of());
        assertThat(spec.master().args()).isSameAs(Map.of());
    }
}
