package io.atq.director.reaper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Runs a reaper pass as soon as another director's lease runs out, so a dead director's tasks are taken over within
 * the lease and a second, not at the next periodic pass (which only has to catch what this misses, e.g. deaths while
 * this director could not judge). A pass that could not look (the task log not caught up yet, Docker away) is tried
 * again every tick until one does. Cheap: it reads the leases in memory every tick.
 */
public final class ReapWhenLeasesRunOut implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReapWhenLeasesRunOut.class);

    private final Leases leases;
    private final BooleanSupplier reaper;
    private final Clock clock;
    private Instant lastTick;
    private boolean due;

    /** @param reaper one reaper pass; false when it could not look at the tasks */
    public ReapWhenLeasesRunOut(Leases leases, BooleanSupplier reaper, Clock clock) {
        this.leases = leases;
        this.reaper = reaper;
        this.clock = clock;
        this.lastTick = clock.instant();
    }

    /** One tick: a pass when a lease ran out since the last tick. Never throws. */
    @Override
    public void run() {
        Instant now = clock.instant();
        try {
            if (leases.anyRanOutBetween(lastTick, now)) {
                log.info("a director's lease ran out or it left: reaper pass now");
                due = true;
            }
            if (due) {
                due = !reaper.getAsBoolean();
            }
        } catch (RuntimeException e) {
            log.warn("lease check failed: {}", e.toString());
        } finally {
            lastTick = now;
        }
    }
}
