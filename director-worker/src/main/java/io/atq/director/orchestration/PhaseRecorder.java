package io.atq.director.orchestration;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.ResultSummary;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.events.TaskEvents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The single writer of one task's phases: every move passes {@link Phase#requireTransition(Phase)}, so no phase is
 * recorded twice or out of order. Once known, worker addresses, the images run, the nodes and the exit code travel on
 * every later event; the terminal event also says whether the evidence is complete, what the master summarised, and
 * what the director measured in the results files (with every threshold's outcome).
 */
public final class PhaseRecorder {
    private static final Logger log = LoggerFactory.getLogger(PhaseRecorder.class);

    private final TaskId taskId;
    private final Instant requestedAt;
    private final String directorId;
    private final TaskEvents events;
    private final Clock clock;
    private Phase current;
    private List<String> workerAddresses = List.of();
    private @Nullable Integer exitCode;
    private final Map<String, String> images = new LinkedHashMap<>();
    private final Map<String, String> nodes = new LinkedHashMap<>();
    private final Reporting reporting;
    /** When the current phase began; null when another director began it (a takeover). */
    private @Nullable Instant enteredAt;

    /**
     * Who else hears of the moves.
     *
     * @param toWebhooks which moves a webhook reports: the others are published so that they skip the webhook event
     *                   queue (see {@code MessageType.routingKey(boolean)})
     * @param evidence   what the terminal event says of the evidence (asked at that move, after the logs were
     *                   collected; null: nothing to say)
     * @param summary    what the terminal event says the master reported (asked at that move; null: nothing)
     * @param results    what the terminal event says of the merged results and the thresholds (asked at that move;
     *                   null: nothing)
     * @param observer   told of every move
     */
    public record Reporting(Predicate<Phase> toWebhooks, Supplier<@Nullable Evidence> evidence,
                            Supplier<@Nullable ResultSummary> summary, Supplier<@Nullable ResultsHeadline> results,
                            PhaseObserver observer) {
        /** Every move to webhooks (the safe side while the callback is unknown), no evidence, no observer. */
        public static final Reporting ALL = new Reporting(phase -> true, () -> null, () -> null, () -> null, PhaseObserver.NONE);

        /** The moves the request's callback asks for (null: it has none), observed by {@code observer}. */
        public static Reporting forCallback(@Nullable Callback callback, PhaseObserver observer) {
            return new Reporting(phase -> Callback.reported(callback, phase), () -> null, () -> null, () -> null, observer);
        }
    }

    /**
     * A recorder of a task's moves.
     *
     * @param from the phase the task is in: {@code null} for a task just taken from the queue ({@code QUEUED}, begun
     *             when the gateway accepted the request), else the last phase another director recorded (a takeover)
     */
    public PhaseRecorder(TaskId taskId, Instant requestedAt, String directorId, TaskEvents events, Clock clock,
                         @Nullable Phase from, Reporting reporting) {
        this.current = from == null ? Phase.QUEUED : from;
        this.enteredAt = from == null ? requestedAt : null;
        this.taskId = taskId;
        this.requestedAt = requestedAt;
        this.directorId = directorId;
        this.events = events;
        this.clock = clock;
        this.reporting = reporting;
    }

    /** The phase last recorded. */
    public Phase current() {
        return current;
    }

    /** When the current phase was recorded by this recorder (null for a phase another director recorded). */
    public @Nullable Instant enteredAt() {
        return enteredAt;
    }

    /** Remembers the discovered workers for this and every later event. */
    public void workerAddresses(List<String> addresses) {
        this.workerAddresses = List.copyOf(addresses);
    }

    /** Remembers the image {@code role} runs ({@code repo@sha256:…} or a local image id) for this and every later event. */
    public void image(String role, String image) {
        images.put(role, image);
    }

    /** Remembers the node {@code container} ({@code worker-<slot>}, {@code master}) runs on, for this and every later event. */
    public void node(String container, String hostname) {
        nodes.put(container, hostname);
    }

    /** Remembers the master's exit code for this and every later event. */
    public void exitCode(int code) {
        this.exitCode = code;
    }

    /** Records a move without failure detail. */
    public void move(Phase next) {
        move(next, null);
    }

    /**
     * Records a move.
     *
     * @throws io.atq.contracts.phase.IllegalPhaseTransitionException when the table does not allow it
     * @throws io.atq.director.events.EventPublishException           when it could not be recorded (the phase stays)
     */
    public void move(Phase next, @Nullable Failure failure) {
        current.requireTransition(next);
        Instant now = clock.instant();
        Evidence kept = next.isTerminal() ? reporting.evidence().get() : null;
        ResultSummary summary = next.isTerminal() ? reporting.summary().get() : null;
        ResultsHeadline results = next.isTerminal() ? reporting.results().get() : null;
        events.phaseChanged(new TaskPhaseChanged(taskId, next, now, directorId, workerAddresses, exitCode, failure, images, kept, nodes,
                summary, results),
                reporting.toWebhooks().test(next));
        log.info("task {}: {} -> {} (+{} ms since requested){}", taskId, current, next,
                Duration.between(requestedAt, now).toMillis(), failure == null ? "" : " " + failure.message());
        if (kept != null && !kept.complete()) {
            log.warn("task {}: evidence incomplete: {}", taskId, String.join("; ", kept.problems()));
        }
        reporting.observer().moved(current, next, Optional.ofNullable(enteredAt).map(since -> Duration.between(since, now)));
        current = next;
        enteredAt = now;
    }
}
