package io.atq.gateway.tasks;

import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.WebhookAttempted;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Every task this gateway knows, built by applying task messages in log order (and the gateway's own
 * accepted requests at once). Reads are lock-free; writes are serialised, and listeners hear changes in that order.
 *
 * <p>A message for a task whose request has not been seen is kept <em>pending</em> and applied right after that
 * request arrives. In one log the request always comes first, so this only happens when the request has aged out
 * of the stream's retention while later messages remain; such orphans are bounded by {@code pendingLimit}
 * (the oldest task's are dropped first) instead of inventing a placeholder task with no request.
 */
public final class TaskBook {
    private static final Logger log = LoggerFactory.getLogger(TaskBook.class);
    private static final Comparator<TaskState> NEWEST_FIRST = TaskQuery.ORDER;
    /** How many recent specs and spec parts the book remembers to share. */
    private static final int SHARED_SPEC_PARTS = 1024;

    /**
     * Told about every phase a task enters (including QUEUED on creation), in log order and one call at a time, on a
     * thread that applied a message — after the book's lock is released, so a slow listener (an SSE subscriber encoding
     * its event) never holds up the next write.
     */
    @FunctionalInterface
    public interface Listener {
        void phaseEntered(TaskState state);
    }

    private final Map<TaskId, TaskState> tasks = new ConcurrentHashMap<>();
    private final LinkedHashMap<TaskId, List<TaskMessage>> pending = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** States to tell the listeners about, queued under the lock (so in log order), told outside it. */
    private final Queue<TaskState> outbox = new ConcurrentLinkedQueue<>();
    /** Drain requests: whoever raises it from 0 tells the listeners until nothing is left (one teller at a time). */
    private final AtomicInteger telling = new AtomicInteger();
    private final int pendingLimit;
    private int pendingCount;
    /** Equal specs shared among the tasks held (used under the lock). */
    private final SpecInterner specs = new SpecInterner(SHARED_SPEC_PARTS);

    public TaskBook(int pendingLimit) {
        this.pendingLimit = pendingLimit;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Applies one message. Idempotent and order-safe: see {@link TaskState#apply(TaskMessage)}.
     *
     * @return the task's state afterwards; empty for a marker or a message kept pending
     */
    public Optional<TaskState> apply(TaskMessage message) {
        Optional<TaskState> result;
        synchronized (this) {
            result = applyLocked(message);
        }
        tellListeners();
        return result;
    }

    private Optional<TaskState> applyLocked(TaskMessage message) {
        return switch (message) {
            case StreamMarker marker -> Optional.empty();
            case TaskRequested requested -> Optional.of(create(requested));
            // Kept by the webhooks' ledger; never parked or logged as a no-op here.
            case WebhookAttempted attempt -> find(attempt.taskId());
            default -> update(message);
        };
    }

    /** The task, if known. */
    public Optional<TaskState> find(TaskId id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** Tasks newest first (by creation), optionally only those in {@code phase}, at most {@code limit}. */
    public List<TaskState> list(@Nullable Phase phase, int limit) {
        return list(phase, limit, task -> true);
    }

    /** As {@link #list(Phase, int)}, counting only the tasks {@code visible} admits (a client's own, for tenancy). */
    public List<TaskState> list(@Nullable Phase phase, int limit, Predicate<TaskState> visible) {
        return tasks.values().stream()
                .filter(task -> phase == null || task.phase() == phase)
                .filter(visible)
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    /** One page of the tasks {@code query} selects among all tasks (an admin's view). */
    public TaskPage page(TaskQuery query) {
        return query.page(tasks.values());
    }

    /** One page of the tasks {@code query} selects among those {@code visible} admits (see {@link TaskQuery}). */
    public TaskPage page(TaskQuery query, Predicate<TaskState> visible) {
        return query.page(tasks.values().stream().filter(visible).toList());
    }

    /** How many tasks are known. */
    public int size() {
        return tasks.size();
    }

    /** How many known tasks are in {@code phase} now. */
    public long count(Phase phase) {
        return tasks.values().stream().filter(task -> task.phase() == phase).count();
    }

    /** How many messages wait for their task's request. */
    public synchronized int pendingCount() {
        return pendingCount;
    }

    private TaskState create(TaskRequested requested) {
        TaskState existing = tasks.get(requested.taskId());
        if (existing != null) {
            log.debug("Task {} already known; repeated request ignored", requested.taskId());
            return existing;
        }
        TaskState state = TaskState.requested(requested, specs.intern(requested.spec()));
        tasks.put(state.id(), state);
        notify(state);
        List<TaskMessage> waiting = pending.remove(state.id());
        if (waiting != null) {
            pendingCount -= waiting.size();
            for (TaskMessage message : waiting) {
                state = update(message).orElseThrow();
            }
        }
        return state;
    }

    private Optional<TaskState> update(TaskMessage message) {
        TaskState current = tasks.get(message.taskId());
        if (current == null) {
            park(message);
            return Optional.empty();
        }
        TaskState next = current.apply(message);
        if (next == current) {
            // Replays after a reconnect and duplicate deliveries end up here: expected, not a problem.
            log.debug("Task {} in {}: {} changes nothing, ignored", current.id(), current.phase(), message);
            return Optional.of(current);
        }
        tasks.put(next.id(), next);
        if (next.history().size() > current.history().size()) {
            notify(next);
        }
        return Optional.of(next);
    }

    private void park(TaskMessage message) {
        List<TaskMessage> waiting = pending.computeIfAbsent(message.taskId(), id -> new ArrayList<>());
        if (waiting.contains(message)) {
            return;
        }
        waiting.add(message);
        pendingCount++;
        log.debug("Task {} not known yet; {} kept pending", message.taskId(), message);
        Iterator<Map.Entry<TaskId, List<TaskMessage>>> oldest = pending.entrySet().iterator();
        while (pendingCount > pendingLimit && oldest.hasNext()) {
            Map.Entry<TaskId, List<TaskMessage>> dropped = oldest.next();
            oldest.remove();
            pendingCount -= dropped.getValue().size();
            log.warn("Dropped {} message(s) for task {}: its request was never seen (aged out of the task log?)",
                    dropped.getValue().size(), dropped.getKey());
        }
    }

    private void notify(TaskState state) {
        outbox.add(state);
    }

    /**
     * Tells the listeners about every queued state, in order. A thread that finds another one telling leaves its
     * states to it: the teller loops until no request is left, so none is missed and no two threads tell at once.
     */
    private void tellListeners() {
        if (telling.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            for (TaskState state = outbox.poll(); state != null; state = outbox.poll()) {
                tell(state);
            }
            requests = telling.addAndGet(-requests);
        } while (requests != 0);
    }

    private void tell(TaskState state) {
        for (Listener listener : listeners) {
            try {
                listener.phaseEntered(state);
            } catch (RuntimeException e) {
                // A broken listener must not stop the read model from advancing.
                log.warn("Listener failed on task {} entering {}", state.id(), state.phase(), e);
            }
        }
    }
}
