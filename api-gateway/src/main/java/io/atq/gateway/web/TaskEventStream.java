package io.atq.gateway.web;

import io.atq.gateway.stream.LiveUpdates;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code phase} events of one task: its history so far, then each phase it enters, completing right after
 * the terminal one; comment keep-alives in between.
 */
public final class TaskEventStream {
    private final TaskBook book;
    private final LiveUpdates updates;
    private final Duration keepAlive;

    public TaskEventStream(TaskBook book, LiveUpdates updates, Duration keepAlive) {
        this.book = book;
        this.updates = updates;
        this.keepAlive = keepAlive;
    }

    /** Phase events and keep-alives; fails with {@link TaskNotFoundException} for an unknown task. */
    public Flux<ServerSentEvent<PhaseEventView>> events(String taskId) {
        return phases(taskId).publish(phases -> Flux.merge(phases,
                Flux.interval(keepAlive)
                        .map(tick -> ServerSentEvent.<PhaseEventView>builder().comment("keep-alive").build())
                        .takeUntilOther(phases.then(Mono.just(Boolean.TRUE)))));
    }

    /** Phase events only: history, then live, de-duplicated by history index. */
    Flux<ServerSentEvent<PhaseEventView>> phases(String taskId) {
        return Flux.defer(() -> {
            // Subscribe to live changes BEFORE reading the snapshot, so nothing falls between the two;
            // what is in both is dropped below by index.
            Sinks.Many<TaskState> buffer = Sinks.many().unicast().onBackpressureBuffer();
            Disposable live = updates.of(taskId).subscribe(buffer::tryEmitNext);
            TaskState snapshot = book.find(taskId).orElse(null);
            if (snapshot == null) {
                live.dispose();
                return Flux.error(new TaskNotFoundException(taskId));
            }
            AtomicInteger next = new AtomicInteger(snapshot.history().size());
            Flux<ServerSentEvent<PhaseEventView>> later = buffer.asFlux().concatMapIterable(state -> {
                List<ServerSentEvent<PhaseEventView>> fresh = PhaseEventView.events(state, next.get());
                next.set(Math.max(next.get(), state.history().size()));
                return fresh;
            });
            return Flux.fromIterable(PhaseEventView.events(snapshot, 0))
                    .concatWith(later)
                    .takeUntil(event -> event.data() != null && event.data().phase().isTerminal())
                    .doFinally(signal -> live.dispose());
        });
    }
}
