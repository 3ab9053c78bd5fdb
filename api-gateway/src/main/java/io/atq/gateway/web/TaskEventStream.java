package io.atq.gateway.web;

import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.problems.TaskNotFoundException;
import io.atq.gateway.stream.LiveUpdates;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import io.atq.gateway.views.PhaseEventView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code phase} events of one task: its history so far (or only what follows a client's {@code Last-Event-ID}),
 * then each phase it enters, completing right after the terminal one; comment keep-alives in between, so proxies
 * and clients can tell a quiet task from a dead connection.
 */
public final class TaskEventStream {
    /** How long a client should wait before reconnecting (the {@code retry:} field of the opening comment). */
    static final Duration RECONNECT_AFTER = Duration.ofSeconds(3);
    static final String OPENING = "atq task events";
    static final String KEEP_ALIVE = "keep-alive";

    private final TaskBook book;
    private final LiveUpdates updates;
    private final Duration keepAlive;
    private final SecretArgs secrets;

    public TaskEventStream(TaskBook book, LiveUpdates updates, Duration keepAlive, SecretArgs secrets) {
        this.book = book;
        this.updates = updates;
        this.keepAlive = keepAlive;
        this.secrets = secrets;
    }

    /** Every phase event and keep-alives; fails with {@link TaskNotFoundException} for an unknown task. */
    public Flux<ServerSentEvent<PhaseEventView>> events(TaskId taskId) {
        return events(taskId, null);
    }

    /**
     * An opening comment with the {@code retry:} hint, the phase events after {@code lastEventId} (all of them when
     * {@code null}) and keep-alives. An id beyond the known history waits for the phases to reach it; for an ended
     * task with nothing after it the stream completes at once.
     */
    public Flux<ServerSentEvent<PhaseEventView>> events(TaskId taskId, @Nullable Integer lastEventId) {
        Flux<ServerSentEvent<PhaseEventView>> opening = Flux.defer(() -> book.find(taskId).isPresent()
                ? Flux.just(ServerSentEvent.<PhaseEventView>builder().comment(OPENING).retry(RECONNECT_AFTER).build())
                : Flux.error(new TaskNotFoundException(taskId.value())));
        return phases(taskId, lastEventId == null ? 0 : lastEventId + 1).publish(phases -> Flux.merge(
                opening.concatWith(phases),
                Flux.interval(keepAlive)
                        .map(tick -> ServerSentEvent.<PhaseEventView>builder().comment(KEEP_ALIVE).build())
                        .takeUntilOther(phases.then(Mono.just(Boolean.TRUE)))));
    }

    /** Phase events only, from history index {@code from}: history, then live, de-duplicated by history index. */
    Flux<ServerSentEvent<PhaseEventView>> phases(TaskId taskId, int from) {
        return Flux.defer(() -> {
            // Subscribe to live changes BEFORE reading the snapshot, so nothing falls between the two;
            // what is in both is dropped below by index.
            Sinks.Many<TaskState> buffer = Sinks.many().unicast().onBackpressureBuffer();
            Disposable live = updates.of(taskId).subscribe(buffer::tryEmitNext);
            TaskState snapshot = book.find(taskId).orElse(null);
            if (snapshot == null) {
                live.dispose();
                return Flux.error(new TaskNotFoundException(taskId.value()));
            }
            if (snapshot.isTerminal() && from >= snapshot.history().size()) {
                // The client saw the terminal phase already: nothing will ever follow.
                live.dispose();
                return Flux.empty();
            }
            AtomicInteger next = new AtomicInteger(Math.max(from, snapshot.history().size()));
            // Ends with the terminal state even when it brings no event of its own (a resume id past it).
            Flux<ServerSentEvent<PhaseEventView>> later = buffer.asFlux().takeUntil(TaskState::isTerminal).concatMapIterable(state -> {
                List<ServerSentEvent<PhaseEventView>> fresh = PhaseEventView.events(state, next.get(), secrets);
                next.set(Math.max(next.get(), state.history().size()));
                return fresh;
            });
            return Flux.fromIterable(PhaseEventView.events(snapshot, from, secrets))
                    .concatWith(later)
                    .takeUntil(event -> event.data() != null && event.data().phase().isTerminal())
                    .doFinally(signal -> live.dispose());
        });
    }
}
