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
 * Pure and thread-safe; time comes in as an argument.
 */
public final class Leases {
    private final String self;
    private final Duration lease;
    private final Map<String, Instant> lastHeard = new ConcurrentHashMap<>();
    private @Nullable Instant listeningSince;
    private @Nullable Instant lastSelf;

    /**
     * @param self  this director's id
     * @param lease how long a heartbeat keeps its sender alive
     */
    public Leases(String self, Duration lease) {
        this.self = Objects.requireNonNull(self, "self");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /** Records a heartbeat of {@code directorId} heard at {@code at}. */
    public synchronized void heard(String directorId, Instant at) {
        if (directorId.equals(self)) {
            if (lastSelf == null || Duration.between(lastSelf, at).compareTo(lease) > 0) {
                listeningSince = at; // a gap: what we did not hear meanwhile proves nothing
            }
            lastSelf = at;
        }
        lastHeard.merge(directorId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Whether absence of heartbeats means something right now (see the class comment). */
    public synchronized boolean canJudge(Instant now) {
        // listeningSince is set whenever lastSelf is.
        return lastSelf != null && !lastSelf.plus(lease).isBefore(now) && !Objects.requireNonNull(listeningSince).plus(lease).isAfter(now);
    }

    /**
     * Whether {@code directorId} may be running: this director itself, one heard within the lease, or anyone while
     * {@link #canJudge} is false.
     */
    public synchronized boolean isAlive(String directorId, Instant now) {
        if (self.equals(directorId) || !canJudge(now)) {
            return true;
        }
        Instant last = lastHeard.get(directorId);
        return last != null && !last.plus(lease).isBefore(now);
    }

    /**
     * Whether another director's lease ran out in {@code [from, to)}, or this director became able to judge in
     * {@code (from, to]} (so
     * owners it never heard count as dead from then on): their tasks are due for a takeover now rather than at the next
     * periodic pass. False while {@link #canJudge} is.
     */
    public synchronized boolean anyRanOutBetween(Instant from, Instant to) {
        if (!canJudge(to)) {
            return false;
        }
        // From the moment this director can judge, an owner it never heard (dead before its first heartbeat reached
        // us) counts as dead too: one pass then finds its tasks.
        Instant judgingSince = Objects.requireNonNull(listeningSince).plus(lease);
        if (judgingSince.isAfter(from)) { // and not after to, since it can judge at to
            return true;
        }
        for (Map.Entry<String, Instant> heard : lastHeard.entrySet()) {
            Instant runsOut = heard.getValue().plus(lease);
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
