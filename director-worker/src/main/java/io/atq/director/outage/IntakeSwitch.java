package io.atq.director.outage;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this director takes requests: only once its ledger has caught up with the task log AND Docker answers AND
 * it can run tasks (the probe image is present, the shared folder takes evidence) AND it has capacity (a free task
 * slot, room for workers in the swarm). While Docker is away or the director cannot run tasks, a taken request could
 * only fail (or be requeued until its delivery limit dead-letters it); while full it could only be held or handed back.
 * So the request consumer is stopped and the messages wait in the queue, for this or another director.
 * Pure decision logic: the {@link Intake} it drives is the adapter.
 */
public final class IntakeSwitch {
    private static final Logger log = LoggerFactory.getLogger(IntakeSwitch.class);

    /** The request consumer as the switch sees it. */
    public interface Intake {
        /** Starts consuming (idempotent). */
        void start();

        /** Stops consuming; unacknowledged messages return to the queue (idempotent). */
        void stop();
    }

    private final Intake intake;
    private boolean caughtUp;
    private boolean dockerAvailable = true;
    private @Nullable String capacityPause;
    private @Nullable String unready;
    private boolean consuming;
    private boolean stopping;

    public IntakeSwitch(Intake intake) {
        this.intake = intake;
    }

    /** The ledger has replayed the task log: requests can be decided. */
    public synchronized void caughtUp() {
        caughtUp = true;
        apply();
    }

    /** Docker's state as the {@code docker} circuit breaker sees it. */
    public synchronized void dockerAvailable(boolean available) {
        if (available != dockerAvailable) {
            log.info(available ? "Docker answers again: taking requests" : "Docker does not answer: no new requests until it does");
        }
        dockerAvailable = available;
        apply();
    }

    /**
     * Capacity as {@code io.atq.director.capacity.CapacityRules} judges it.
     *
     * @param pauseReason why this director is full (e.g. {@code "at capacity (4/4 tasks)"}), or null when it has room
     */
    public synchronized void capacity(@Nullable String pauseReason) {
        if (pauseReason != null && capacityPause == null) {
            log.info("{}: no new requests until capacity frees up", pauseReason);
        } else if (pauseReason == null && capacityPause != null) {
            log.info("capacity free again: taking requests");
        }
        capacityPause = pauseReason;
        apply();
    }

    /**
     * Whether this director can run tasks at all, as {@code io.atq.director.readiness.CheckRunReadiness} finds it.
     *
     * @param reason why it cannot (e.g. {@code "probe image atq/probe:1 is missing on this node"}), or null when it can
     */
    public synchronized void unready(@Nullable String reason) {
        if (reason != null && !reason.equals(unready)) {
            log.warn("{}: no new requests until this is fixed", reason);
        } else if (reason == null && unready != null) {
            log.info("ready to run tasks again ({} is fixed): taking requests", unready);
        }
        unready = reason;
        apply();
    }

    /** The director is stopping: no requests from now on, whatever else changes. */
    public synchronized void stopping() {
        stopping = true;
        apply();
    }

    /** Why capacity pauses intake right now. */
    public synchronized @Nullable String capacityPause() {
        return capacityPause;
    }

    /**
     * Why this director takes no requests now, for its heartbeats: the capacity reason, {@code "Docker unavailable"},
     * why it cannot run tasks, or {@code "catching up with the task log"}; null while it consumes.
     */
    public synchronized @Nullable String pauseReason() {
        if (consuming) {
            return null;
        }
        if (stopping) {
            return "the director is stopping";
        }
        if (capacityPause != null) {
            return capacityPause;
        }
        if (!dockerAvailable) {
            return "Docker unavailable";
        }
        if (unready != null) {
            return unready;
        }
        return caughtUp ? null : "catching up with the task log";
    }

    /** Whether the request consumer should be (and, as far as the switch knows, is) running. */
    public synchronized boolean consuming() {
        return consuming;
    }

    private void apply() {
        boolean wanted = !stopping && caughtUp && dockerAvailable && unready == null && capacityPause == null;
        if (wanted == consuming) {
            return;
        }
        consuming = wanted;
        if (wanted) {
            intake.start();
        } else {
            intake.stop();
        }
    }
}
