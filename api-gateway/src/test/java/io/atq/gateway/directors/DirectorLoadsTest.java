package io.atq.gateway.directors;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway keeps each director's latest heartbeat, and forgets directors silent for many of their leases. */
class DirectorLoadsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static DirectorLoad beat(String id, int running, Instant at, Duration lease) {
        return new DirectorLoad(id, running, 4, 0, 200, null, at, lease);
    }

    @Test
    void aLateOlderHeartbeatDoesNotReplaceANewerOne() {
        DirectorLoads loads = new DirectorLoads();
        loads.heard(beat("d1", 3, T0.plusSeconds(2), null));
        loads.heard(beat("d1", 1, T0, null));

        assertThat(loads.all()).singleElement().satisfies(load -> assertThat(load.runningTasks()).isEqualTo(3));
    }

    @Test
    void aDirectorSilentForTenOfItsLeasesIsForgottenWhenAnotherOneBeats() {
        DirectorLoads loads = new DirectorLoads();
        loads.heard(beat("gone", 0, T0, Duration.ofSeconds(5)));
        loads.heard(beat("quiet", 0, T0, null)); // no lease said: the default, 15 s

        loads.heard(beat("d2", 0, T0.plusSeconds(50), Duration.ofSeconds(5)));
        assertThat(loads.all()).extracting(DirectorLoad::directorId).containsExactlyInAnyOrder("gone", "quiet", "d2");

        loads.heard(beat("d2", 0, T0.plusSeconds(51), Duration.ofSeconds(5)));
        assertThat(loads.all()).extracting(DirectorLoad::directorId).containsExactlyInAnyOrder("quiet", "d2");

        loads.heard(beat("d2", 0, T0.plusSeconds(151), Duration.ofSeconds(5)));
        assertThat(loads.all()).extracting(DirectorLoad::directorId).containsExactly("d2");
    }

    @Test
    void aForgottenDirectorThatBeatsAgainIsBack() {
        DirectorLoads loads = new DirectorLoads();
        loads.heard(beat("d1", 0, T0, Duration.ofSeconds(1)));
        loads.heard(beat("d2", 0, T0.plusSeconds(11), Duration.ofSeconds(1)));
        assertThat(loads.all()).extracting(DirectorLoad::directorId).containsExactly("d2");

        loads.heard(beat("d1", 2, T0.plusSeconds(12), Duration.ofSeconds(1)));
        assertThat(loads.all()).extracting(DirectorLoad::directorId).containsExactlyInAnyOrder("d1", "d2");
    }
}
