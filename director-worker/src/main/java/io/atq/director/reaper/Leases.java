package io.atq.director.reaper;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which directors are alive, from the heartbeats this director hears. A director is alive while its last heartbeat
 * is younger than the lease. Absence only means death when this director could have heard it: it must have heard its
 * own heartbeats without a gap for at least one lease (so a broker outage, or a fresh start, declares nobody dead).
 * A director that said it {@linkplain Departure#LEFT left} is dead at once, whatever this director can judge: that is
 * news, not silence. One that is {@linkplain Departure#STOPPING stopping} still owns its tasks but is no heir.
 * Pure and thread-safe; time comes in as an argument.
 */
public final class Leases {
    private final String self;
    private final Duration lease;
    private final Map<String, Heard> lastHeard = new ConcurrentHashMap<>();
    private @Nullable Instant listeningSince;
    private @Nullable Instant lastSelf;

    /** What a heartbeat says about its sender's future. */
    public enum Departure {
        /** An ordinary heartbeat: the director runs and takes tasks. */
        NONE,
        /** The director is stopping: it still owns its tasks, but takes no one else's. */
        STOPPING,
        /** The director is gone: its tasks are free to take over now. */
        LEFT
    }

    private record Heard(Instant at, Departure departure) {
    }

    /**
     * @param self  this director's id
     * @param lease how long a heartbeat keeps its sender alive
     */
    public Leases(String self, Duration lease) {
        this.self = Objects.requireNonNull(self, "self");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /** Records an ordinary heartbeat of {@code directorId} heard at {@code at}. */
    public void heard(String directorId, Instant at) {
        heard(directorId, at, Departure.NONE);
    }

    /** Records a heartbeat of {@code directorId} heard at {@code at}, saying {@code departure}. */
    public synchronized void heard(String directorId, Instant at, Departure departure) {
        if (directorId.equals(self)) {
            if (lastSelf == null || Duration.between(lastSelf, at).compareTo(lease) > 0) {
                listeningSince = at; // a gap: what we did not hear meanwhile proves nothing
            }
            lastSelf = at;
        }
        lastHeard.merge(directorId, new Heard(at, departure), (a, b) -> a.at().isAfter(b.at()) ? a : b);
    }

    /** Whether absence of heartbeats means something right now (see the class comment). */
    public synchronized boolean canJudge(Instant now) {
        // listeningSince is set whenever lastSelf is.
        return lastSelf != null && !lastSelf.plus(lease).isBefore(now) && !Objects.requireNonNull(listeningSince).plus(lease).isAfter(now);
    }

    /**
     * Whether {@code directorId} may be running: this director itself, one heard within the lease, or anyone while
     * {@link #canJudge} is false; never one whose last word was that it left.
     */
    public synchronized boolean isAlive(String directorId, Instant now) {
        if (self.equals(directorId)) {
            return true;
        }
        Heard last = lastHeard.get(directorId);
        if (last != null && last.departure() == Departure.LEFT) {
            return false;
        }
        if (!canJudge(now)) {
            return true;
        }
        return last != null && !last.at().plus(lease).isBefore(now);
    }

    /** Whether {@code directorId}'s last heartbeat said it left (its tasks are free whatever else says it runs). */
    public synchronized boolean hasLeft(String directorId) {
        Heard last = lastHeard.get(directorId);
        return last != null && last.departure() == Departure.LEFT;
    }

    /**
     * Whether another director could take this one's tasks: one heard within the lease whose last heartbeat was an
     * ordinary one (not stopping, not gone). Positive evidence only, so it holds while this director cannot judge too.
     */
    public synchronized boolean heirExists(Instant now) {
        return lastHeard.entrySet().stream().anyMatch(e -> !self.equals(e.getKey())
                && e.getValue().departure() == Departure.NONE && !e.getValue().at().plus(lease).isBefore(now));
    }

    /**
     * Whether another director's lease ran out in {@code [from, to)}, or one said it left in {@code [from, to)}, or
     * this director became able to judge in {@code (from, to]} (so owners it never heard count as dead from then on):
     * their tasks are due for a takeover now rather than at the next periodic pass. Lease ends count only while
     * {@link #canJudge} is true; a director that left counts always.
     */
    public synchronized boolean anyRanOutBetween(Instant from, Instant to) {
        for (Map.Entry<String, Heard> heard : lastHeard.entrySet()) {
            Heard last = heard.getValue();
            if (!self.equals(heard.getKey()) && last.departure() == Departure.LEFT && !last.at().isBefore(from) && last.at().isBefore(to)) {
                return true;
            }
        }
        if (!canJudge(to)) {
            return false;
        }
        // From the moment this director can judge, an owner it never heard (dead before its first heartbeat reached
        // us) counts as dead too: one pass then finds its tasks.
        Instant judgingSince = Objects.requireNonNull(listeningSince).plus(lease);
        if (judgingSince.isAfter(from)) { // and not after to, since it can judge at to
            return true;
        }
        for (Map.Entry<String, Heard> heard : lastHeard.entrySet()) {
            Instant runsOut = heard.getValue().at().plus(lease);
            if (!self.equals(heard.getKey()) && !runsOut.isBefore(from) && runsOut.isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    public Duration lease() {
        return lease;
    }
}
