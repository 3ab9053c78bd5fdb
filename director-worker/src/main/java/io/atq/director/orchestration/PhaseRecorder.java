package io.atq.director.orchestration;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
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
 * recorded twice or out of order. Once known, worker addresses, the images run and the exit code travel on every
 * later event; the terminal event also says whether the evidence is complete.
 */
public final class PhaseRecorder {
    private static final Logger log = LoggerFactory.getLogger(PhaseRecorder.class);

    private final String taskId;
    private final Instant requestedAt;
    private final String directorId;
    private final TaskEvents events;
    private final Clock clock;
    private Phase current;
    private List<String> workerAddresses = List.of();
    private @Nullable Integer exitCode;
    private final Map<String, String> images = new LinkedHashMap<>();
    private PhaseObserver observer = PhaseObserver.NONE;
    /** Which phases a webhook reports; until the request's callback is known, all of them (the safe side). */
    private Predicate<Phase> reportedToWebhooks = phase -> true;
    /** What the terminal event says of the evidence; until told, nothing ({@code null}). */
    private Supplier<Evidence> evidence = () -> null;
    /** When the current phase began; null when another director began it (a takeover). */
    private @Nullable Instant enteredAt;

    public PhaseRecorder(String taskId, Instant requestedAt, String directorId, TaskEvents events, Clock clock) {
        this(taskId, requestedAt, directorId, events, clock, Phase.QUEUED);
        // QUEUED began when the gateway accepted the request.
        this.enteredAt = requestedAt;
    }

    /** A recorder that continues a task another director moved up to {@code from} (a takeover). */
    public PhaseRecorder(String taskId, Instant requestedAt, String directorId, TaskEvents events, Clock clock, Phase from) {
        this.current = from;
        this.taskId = taskId;
        this.requestedAt = requestedAt;
        this.directorId = directorId;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The task's callback (null: its request has none): moves no webhook reports are published so that they skip the
     * webhook event queue (see {@code MessageType.routingKey(boolean)}).
     */
    public PhaseRecorder reportingTo(@Nullable Callback callback) {
        this.reportedToWebhooks = phase -> Callback.reported(callback, phase);
        return this;
    }

    /** Where the terminal event's {@link Evidence} comes from (asked at that move, after the logs were collected). */
    public PhaseRecorder reportingEvidence(Supplier<Evidence> evidence) {
        this.evidence = evidence;
        return this;
    }

    /** Tells {@code observer} of every later move. */
    public PhaseRecorder observedBy(PhaseObserver observer) {
        this.observer = observer;
        return this;
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

    /** Remembers the image {@code role} runs (repo digest or image id) for this and every later event. */
    public void image(String role, String image) {
        images.put(role, image);
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
        Evidence kept = next.isTerminal() ? evidence.get() : null;
        events.phaseChanged(new TaskPhaseChanged(taskId, next, now, directorId, workerAddresses, exitCode, failure, images, kept),
                reportedToWebhooks.test(next));
        log.info("task {}: {} -> {} (+{} ms since requested){}", taskId, current, next,
                Duration.between(requestedAt, now).toMillis(), failure == null ? "" : " " + failure.message());
        if (kept != null && !kept.complete()) {
            log.warn("task {}: evidence incomplete: {}", taskId, String.join("; ", kept.problems()));
        }
        observer.moved(current, next, Optional.ofNullable(enteredAt).map(since -> Duration.between(since, now)));
        current = next;
        enteredAt = now;
    }
}
