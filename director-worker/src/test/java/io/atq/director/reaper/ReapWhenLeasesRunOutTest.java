package io.atq.director.reaper;

import io.atq.director.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A dead director's tasks are taken over as its lease runs out, not at the next periodic reaper pass. */
class ReapWhenLeasesRunOutTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final MutableClock clock = MutableClock.at(T0.toString());
    private final Leases leases = new Leases("me", Duration.ofSeconds(10));
    private final AtomicInteger passes = new AtomicInteger();

    @Test
    void runsAPassOnTheFirstTickAfterAnotherDirectorsLeaseRanOut() {
        ReapWhenLeasesRunOut watch = listeningWith("other");
        leases.heard("other", clock.instant()); // its last heartbeat; it dies now

        tickEverySecondFor(10, watch);
        assertThat(passes).as("still within its lease").hasValue(0);

        tickEverySecondFor(1, watch);
        assertThat(passes).hasValue(1);
        assertThat(leases.isAlive("other", clock.instant())).isFalse();

        tickEverySecondFor(30, watch);
        assertThat(passes).as("once per death").hasValue(1);
    }

    @Test
    void aDirectorThatKeepsBeatingNeverTriggersAPass() {
        ReapWhenLeasesRunOut watch = listeningWith("other");
        for (int s = 0; s < 60; s++) {
            leases.heard("other", clock.instant());
            tickEverySecondFor(1, watch);
        }

        assertThat(passes).hasValue(0);
    }

    @Test
    void noPassWhileThisDirectorCannotJudge() {
        ReapWhenLeasesRunOut watch = new ReapWhenLeasesRunOut(leases, () -> passes.incrementAndGet() > 0, clock);
        leases.heard("other", clock.instant());
        // This director hears nothing of its own (a broker outage): absence proves nothing.
        for (int s = 0; s < 30; s++) {
            clock.advance(Duration.ofSeconds(1));
            watch.run();
        }

        assertThat(passes).hasValue(0);
    }

    @Test
    void anOwnerThatDiedBeforeThisDirectorHeardItIsFoundOnceThisDirectorCanJudge() {
        // This director starts; the owner of a running task dies before any of its heartbeats reach it.
        ReapWhenLeasesRunOut watch = new ReapWhenLeasesRunOut(leases, () -> passes.incrementAndGet() > 0, clock);
        leases.heard("me", clock.instant());

        tickEverySecondFor(9, watch);
        assertThat(passes).as("listening for less than a lease: absence proves nothing yet").hasValue(0);

        tickEverySecondFor(1, watch);
        assertThat(passes).hasValue(1);
        assertThat(leases.isAlive("never-heard", clock.instant())).isFalse();

        tickEverySecondFor(30, watch);
        assertThat(passes).as("once").hasValue(1);
    }

    /** This director has listened for a full lease (it can judge), then the watch starts. */
    private ReapWhenLeasesRunOut listeningWith(String other) {
        for (int s = 0; s <= 10; s++) {
            leases.heard("me", clock.instant());
            leases.heard(other, clock.instant());
            clock.advance(Duration.ofSeconds(1));
        }
        return new ReapWhenLeasesRunOut(leases, () -> passes.incrementAndGet() > 0, clock);
    }

    private void tickEverySecondFor(int seconds, ReapWhenLeasesRunOut watch) {
        for (int s = 0; s < seconds; s++) {
            clock.advance(Duration.ofSeconds(1));
            leases.heard("me", clock.instant());
            watch.run();
        }
    }
}
