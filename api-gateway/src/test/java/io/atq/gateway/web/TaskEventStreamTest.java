package io.atq.gateway.web;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.problems.TaskNotFoundException;
import io.atq.gateway.stream.LiveUpdates;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.views.PhaseEventView;
import io.atq.gateway.views.TaskView;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code phase} server-sent events: an opening comment with the retry hint, history first, then live,
 * ids = history index, end after the terminal phase.
 */
class TaskEventStreamTest {
    private static final TaskId ID = TaskId.parse("0f0e0d0c-0b0a-4000-8000-000000000001");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final LiveUpdates updates = new LiveUpdates();
    private final TaskBook book = new TaskBook(100);
    private final SecretArgs secrets = new SecretArgs(TestConfigs.load());
    private final TaskEventStream stream = new TaskEventStream(book, updates, Duration.ofSeconds(15), secrets);

    TaskEventStreamTest() {
        book.addListener(updates);
        book.apply(new TaskRequested(ID, new TaskSpec("load", new WorkerSpec("atq/demo-worker:1", 2, Map.of(), null),
                new MasterSpec("atq/demo-master:1", Map.of()), Duration.ofMinutes(5)), T0));
    }

    @Test
    void mapsAPhaseEntryToAnEventWithItsIndexAsId() {
        move(Phase.PROVISIONING, 1);
        book.apply(new TaskPhaseChanged(ID, Phase.FAILED, T0.plusSeconds(2), "d1", List.of("10.0.0.2"), 3,
                Failure.of(FailureCause.INFRA, "worker died")));
        List<ServerSentEvent<PhaseEventView>> events = PhaseEventView.events(book.find(ID).orElseThrow(), 0, secrets);
        assertThat(events).extracting(ServerSentEvent::id).containsExactly("0", "1", "2");
        assertThat(events).extracting(ServerSentEvent::event).containsOnly("phase");
        assertThat(events.get(2).data()).isEqualTo(new PhaseEventView(ID.value(), Phase.FAILED, T0.plusSeconds(2), 3,
                new TaskView.FailureView(FailureCause.INFRA, "worker died"), List.of("10.0.0.2"), Map.of(), null, Map.of(), null, null));
        assertThat(events.get(0).data()).isEqualTo(new PhaseEventView(ID.value(), Phase.QUEUED, T0, null, null, List.of(), Map.of(), null, Map.of(), null, null));
    }

    @Test
    void replaysTheHistoryOfAnEndedTaskAndCompletes() {
        move(Phase.PROVISIONING, 1);
        move(Phase.CANCELLED, 2);
        StepVerifier.create(stream.events(ID))
                .assertNext(this::assertOpening)
                .assertNext(e -> assertThat(e.data().phase()).isEqualTo(Phase.QUEUED))
                .assertNext(e -> assertThat(e.data().phase()).isEqualTo(Phase.PROVISIONING))
                .assertNext(e -> assertThat(e.id()).isEqualTo("2"))
                .verifyComplete();
    }

    @Test
    void streamsLivePhasesAfterTheHistoryOnceEachAndCompletesAfterTheTerminalOne() {
        move(Phase.PROVISIONING, 1);
        StepVerifier.create(stream.events(ID).filter(e -> e.data() != null).map(ServerSentEvent::id))
                .expectNext("0", "1")
                .then(() -> move(Phase.PROVISIONING, 1))
                .then(() -> move(Phase.STARTING_WORKERS, 2))
                .expectNext("2")
                .then(() -> move(Phase.TIMED_OUT, 3))
                .expectNext("3")
                .verifyComplete();
        assertThat(updates.subscriberCount()).as("live subscription released").isZero();
    }

    @Test
    void sendsCommentKeepAlivesWhileOpen() {
        StepVerifier.withVirtualTime(() -> new TaskEventStream(book, updates, Duration.ofSeconds(15), secrets).events(ID))
                .assertNext(this::assertOpening)
                .assertNext(e -> assertThat(e.id()).isEqualTo("0"))
                .thenAwait(Duration.ofSeconds(31))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("keep-alive"))
                .assertNext(e -> assertThat(e.comment()).isEqualTo("keep-alive"))
                .then(() -> move(Phase.FAILED, 40))
                .assertNext(e -> assertThat(e.id()).isEqualTo("1"))
                .verifyComplete();
    }

    @Test
    void failsForAnUnknownTask() {
        StepVerifier.create(stream.events(TaskId.random())).verifyError(TaskNotFoundException.class);
        assertThat(updates.subscriberCount()).isZero();
    }

    @Test
    void cancellingTheSubscriptionReleasesTheLiveSubscription() {
        StepVerifier.create(stream.events(ID)).expectNextCount(2).thenCancel().verify();
        assertThat(updates.subscriberCount()).isZero();
    }

    private void assertOpening(ServerSentEvent<PhaseEventView> event) {
        assertThat(event.comment()).isEqualTo(TaskEventStream.OPENING);
        assertThat(event.retry()).isEqualTo(TaskEventStream.RECONNECT_AFTER);
        assertThat(event.data()).isNull();
    }

    private void move(Phase phase, int seconds) {
        book.apply(TaskPhaseChanged.of(ID, phase, T0.plusSeconds(seconds), "d1"));
    }
}
