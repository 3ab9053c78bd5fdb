package io.atq.director.reaper;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a stopping director's heartbeats tell the others: stopping (no heir, still the owner), then left (dead at once). */
class LeaseDeparturesTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final Leases leases = new Leases("me", Duration.ofSeconds(10));

    @Test
    void aDirectorThatLeftIsDeadAtOnceEvenBeforeThisOneCanJudgeSilence() {
        leases.heard("me", T0);
        leases.heard("old", T0.plusSeconds(1));
        leases.heard("old", T0.plusSeconds(2), Leases.Departure.LEFT);

        assertThat(leases.canJudge(T0.plusSeconds(3))).isFalse();
        assertThat(leases.isAlive("old", T0.plusSeconds(3))).isFalse();
        assertThat(leases.isAlive("someone-else", T0.plusSeconds(3))).as("silence still proves nothing").isTrue();
    }

    @Test
    void aLeavingIsNewsForTheLeaseWatchInTheTickItArrives() {
        leases.heard("me", T0);
        leases.heard("old", T0.plusMillis(1500), Leases.Departure.LEFT);

        assertThat(leases.anyRanOutBetween(T0, T0.plusSeconds(1))).isFalse();
        assertThat(leases.anyRanOutBetween(T0.plusSeconds(1), T0.plusSeconds(2))).isTrue();
        assertThat(leases.anyRanOutBetween(T0.plusSeconds(2), T0.plusSeconds(3))).isFalse();
    }

    @Test
    void aStoppingDirectorStillOwnsItsTasksButIsNoHeir() {
        leases.heard("me", T0);
        leases.heard("other", T0.plusSeconds(1), Leases.Departure.STOPPING);

        assertThat(leases.isAlive("other", T0.plusSeconds(2))).isTrue();
        assertThat(leases.heirExists(T0.plusSeconds(2))).isFalse();
    }

    @Test
    void anHeirIsAnotherDirectorHeardWithinTheLeaseWithAnOrdinaryHeartbeat() {
        leases.heard("me", T0);
        assertThat(leases.heirExists(T0)).as("this director is not its own heir").isFalse();

        leases.heard("new", T0.plusSeconds(1));
        assertThat(leases.heirExists(T0.plusSeconds(5))).isTrue();
        assertThat(leases.heirExists(T0.plusSeconds(12))).as("silent for longer than the lease").isFalse();
    }

    @Test
    void aDirectorHeardAgainAfterLeavingIsAliveAgain() {
        leases.heard("me", T0);
        leases.heard("dev", T0.plusSeconds(1), Leases.Departure.LEFT);
        leases.heard("dev", T0.plusSeconds(5)); // restarted under the same id

        assertThat(leases.isAlive("dev", T0.plusSeconds(6))).isTrue();
        assertThat(leases.heirExists(T0.plusSeconds(6))).isTrue();
    }

    @Test
    void aLateOrdinaryHeartbeatDoesNotUndoALaterLeaving() {
        leases.heard("me", T0);
        leases.heard("old", T0.plusSeconds(3), Leases.Departure.LEFT);
        leases.heard("old", T0.plusSeconds(2)); // delivered late, sent earlier

        assertThat(leases.isAlive("old", T0.plusSeconds(4))).isFalse();
    }
}
