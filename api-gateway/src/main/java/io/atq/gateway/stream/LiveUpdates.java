package io.atq.gateway.stream;

import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Phase changes as they are applied to the read model, for live subscribers (server-sent events). One hot sink for
 * all tasks, filtered per subscriber; it keeps nothing, so a subscriber sees only what happens after it subscribed.
 */
public final class LiveUpdates implements TaskBook.Listener {
    // directBestEffort: a subscriber without demand misses items instead of blocking the read model; subscribers
    // therefore request unbounded and buffer themselves.
    private final Sinks.Many<TaskState> sink = Sinks.many().multicast().directBestEffort();

    @Override
    public void phaseEntered(TaskState state) {
        // The TaskBook serialises its listeners' calls, so there is never a concurrent emit to fail on.
        sink.tryEmitNext(state);
    }

    /** The states of one task, each time it enters a phase, from now on. */
    public Flux<TaskState> of(TaskId taskId) {
        return sink.asFlux().filter(state -> state.id().equals(taskId));
    }

    /** Current number of live subscribers (all tasks). */
    public int subscriberCount() {
        return sink.currentSubscriberCount();
    }
}
