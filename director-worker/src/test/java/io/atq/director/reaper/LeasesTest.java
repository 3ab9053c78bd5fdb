package io.atq.director.reaper;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LeasesTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private final Leases leases = new Leases("me", Duration.ofSeconds(10));

    @Test
    void aDirectorHeardWithinTheLeaseIsAliveAndOneSilentLongerIsDead() {
        listenFor(Duration.ofSeconds(20));
        leases.heard("other", T0.plusSeconds(15));

        assertThat(leases.isAlive("other", T0.plusSeconds(20))).isTrue();
        beatAt(T0.plusSeconds(26));
        assertThat(leases.isAlive("other", T0.plusSeconds(26))).isFalse();
    }

    @Test
    void aDirectorNeverHeardIsDeadOnceThisOneListenedForALease() {
        listenFor(Duration.ofSeconds(12));

        assertThat(leases.isAlive("ghost", T0.plusSeconds(12))).isFalse();
    }

    @Test
    void nobodyIsDeclaredDeadBeforeThisDirectorListenedForAFullLease() {
        listenFor(Duration.ofSeconds(6));

        assertThat(leases.canJudge(T0.plusSeconds(6))).isFalse();
        assertThat(leases.isAlive("ghost", T0.plusSeconds(6))).isTrue();
    }

    @Test
    void aGapInItsOwnHeartbeatsSuchAsABrokerOutageSuspendsJudgementForALease() {
        listenFor(Duration.ofSeconds(20));
        beatAt(T0.plusSeconds(45)); // 25 s without hearing itself

        assertThat(leases.isAlive("ghost", T0.plusSeconds(45))).isTrue();
        beatAt(T0.plusSeconds(50));
        beatAt(T0.plusSeconds(55));
        assertThat(leases.isAlive("ghost", T0.plusSeconds(55))).isFalse();
    }

    @Test
    void thisDirectorIsAlwaysAlive() {
        assertThat(leases.isAlive("me", T0.plusSeconds(1000))).isTrue();
    }

    private void listenFor(Duration span) {
        for (long s = 0; s <= span.toSeconds(); s += 2) {
            beatAt(T0.plusSeconds(s));
        }
    }

    private void beatAt(Instant at) {
        leases.heard("me", at);
    }
}
