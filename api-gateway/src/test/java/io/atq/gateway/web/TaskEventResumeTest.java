package io.atq.gateway.web;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.stream.LiveUpdates;
import io.atq.gateway.tasks.TaskBook;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resuming an event stream with {@code Last-Event-ID}: only what follows, live after that, nothing twice. */
class TaskEventResumeTest {
    private static final TaskId ID = TaskId.parse("0f0e0d0c-0b0a-4000-8000-000000000002");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final LiveUpdates updates = new LiveUpdates();
    private final TaskBook book = new TaskBook(100);
    private final TaskEventStream stream = new TaskEventStream(book, updates, Duration.ofSeconds(15),
            new SecretArgs(TestConfigs.load()));

    TaskEventResumeTest() {
        book.addListener(updates);
        book.apply(new TaskRequested(ID, new TaskSpec("load", new WorkerSpec("atq/demo-worker:1", 1, Map.of("MODE", "node"), null),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")), Duration.ofMinutes(5)), T0));
        move(Phase.PROVISIONING, 1);
        move(Phase.STARTING_WORKERS, 2);
    }

    @Test
    void replaysOnlyTheEventsAfterTheLastOneSeenThenContinuesLive() {
        StepVerifier.create(phaseIds(1))
                .expectNext("2")
                .then(() -> move(Phase.DISCOVERING, 3))
                .expectNext("3")
                .then(() -> move(Phase.CANCELLED, 4))
                .expectNext("4")
                .verifyComplete();
        assertThat(updates.subscriberCount()).isZero();
    }

    @Test
    void anIdBeyondTheKnownHistoryWaitsForThePhasesToReachIt() {
        StepVerifier.create(phaseIds(3))
                .then(() -> move(Phase.DISCOVERING, 3))
                .then(() -> move(Phase.STARTING_MASTER, 4))
                .expectNext("4")
                .then(() -> move(Phase.FAILED, 5))
                .expectNext("5")
                .verifyComplete();
    }

    @Test
    void completesAtOnceWhenTheClientAlreadySawTheTerminalPhase() {
        move(Phase.TIMED_OUT, 3);
        StepVerifier.create(phaseIds(3)).expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(stream.events(ID, 3)).assertNext(e -> assertThat(e.comment()).isEqualTo(TaskEventStream.OPENING))
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(updates.subscriberCount()).isZero();
    }

    @Test
    void completesWhenTheTaskEndsBeforeReachingAnIdTooFarAhead() {
        StepVerifier.create(phaseIds(9))
                .then(() -> move(Phase.CANCELLED, 3))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void withoutAnIdTheWholeHistoryIsSent() {
        StepVerifier.create(stream.events(ID, null).filter(e -> e.data() != null).map(ServerSentEvent::id))
                .expectNext("0", "1", "2")
                .then(() -> move(Phase.CANCELLED, 3))
                .expectNext("3")
                .verifyComplete();
    }

    private Flux<String> phaseIds(int lastEventId) {
        return stream.events(ID, lastEventId).filter(e -> e.data() != null).map(ServerSentEvent::id);
    }

    private void move(Phase phase, int seconds) {
        book.apply(TaskPhaseChanged.of(ID, phase, T0.plusSeconds(seconds), "d1"));
    }
}
