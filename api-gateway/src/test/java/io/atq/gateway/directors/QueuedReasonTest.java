package io.atq.gateway.directors;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Why a QUEUED task waits, from the directors' latest heartbeats. */
class QueuedReasonTest {
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void saysNoDirectorIsRunningWhenNoneWasHeard() {
        assertThat(QueuedReasons.explain(List.of(), 2, NOW)).isEqualTo("no director is running");
    }

    @Test
    void countsADirectorThatDidNotSayItsLeaseAsGoneAfterFifteenSecondsOfSilence() {
        DirectorLoad silent = load("d1", 0, 4, 0, null, NOW.minusSeconds(16));
        assertThat(QueuedReasons.explain(List.of(silent), 2, NOW)).isEqualTo("no director is running");
        DirectorLoad justInTime = load("d1", 0, 4, 0, null, NOW.minusSeconds(15));
        assertThat(QueuedReasons.explain(List.of(justInTime), 2, NOW)).isEqualTo("waiting for a director to take it");
    }

    @Test
    void judgesEachDirectorsSilenceByItsOwnLease() {
        DirectorLoad shortLease = leased(load("d1", 0, 4, 0, null, NOW.minusSeconds(10)), Duration.ofSeconds(3));
        DirectorLoad longLease = leased(full("d2", NOW.minusSeconds(10)), Duration.ofSeconds(60));

        assertThat(QueuedReasons.isAlive(shortLease, NOW)).isFalse();
        assertThat(QueuedReasons.isAlive(longLease, NOW)).isTrue();
        // d1 had room but is gone, so its room does not count: only the long-leased, full d2 is left.
        assertThat(QueuedReasons.explain(List.of(shortLease, longLease), 2, NOW))
                .isEqualTo("the only director is at capacity (4/4 tasks)");
    }

    @Test
    void aShortLeaseEndsSoonerThanTheDefault() {
        DirectorLoad justInTime = leased(full("d1", NOW.minusSeconds(3)), Duration.ofSeconds(3));
        assertThat(QueuedReasons.explain(List.of(justInTime), 2, NOW)).isEqualTo("the only director is at capacity (4/4 tasks)");
        DirectorLoad gone = leased(full("d1", NOW.minusMillis(3001)), Duration.ofSeconds(3));
        assertThat(QueuedReasons.explain(List.of(gone), 2, NOW)).isEqualTo("no director is running");
    }

    @Test
    void aLongLeaseKeepsADirectorCountedLongAfterFifteenSeconds() {
        DirectorLoad quiet = leased(full("d1", NOW.minusSeconds(45)), Duration.ofSeconds(60));
        DirectorLoad unsaid = full("d2", NOW.minusSeconds(45));

        assertThat(QueuedReasons.explain(List.of(quiet, unsaid), 2, NOW)).isEqualTo("the only director is at capacity (4/4 tasks)");
    }

    @Test
    void saysItIsAboutToBeTakenWhileADirectorHasRoom() {
        List<DirectorLoad> loads = List.of(load("d1", 4, 4, 8, "at capacity (4/4 tasks)", NOW), load("d2", 1, 4, 8, null, NOW));
        assertThat(QueuedReasons.explain(loads, 2, NOW)).isEqualTo("waiting for a director to take it");
    }

    @Test
    void namesEveryDirectorAtCapacityWithTheirNumbers() {
        List<DirectorLoad> loads = List.of(full("d1"), full("d2"), full("d3"));
        assertThat(QueuedReasons.explain(loads, 2, NOW)).isEqualTo("all 3 directors at capacity (4/4 tasks each)");
    }

    @Test
    void namesTheOnlyDirectorAtCapacity() {
        DirectorLoad one = load("d1", 1, 1, 2, "at capacity (1/1 tasks)", NOW);
        assertThat(QueuedReasons.explain(List.of(one), 2, NOW)).isEqualTo("the only director is at capacity (1/1 tasks)");
    }

    @Test
    void listsDifferentCapacitiesApart() {
        List<DirectorLoad> loads = List.of(full("d1"), load("d2", 2, 2, 8, "at capacity (2/2 tasks)", NOW));
        assertThat(QueuedReasons.explain(loads, 2, NOW)).isEqualTo("all 2 directors at capacity (4/4, 2/2 tasks)");
    }

    @Test
    void namesTheWorkerLimitWithWhatThisTaskNeeds() {
        List<DirectorLoad> loads = List.of(load("d1", 1, 4, 199, null, NOW.minusSeconds(3)),
                load("d2", 2, 4, 198, null, NOW), full("d3"));
        assertThat(QueuedReasons.explain(loads, 3, NOW)).isEqualTo("worker limit reached: 198/200 running, this task needs 3");
    }

    @Test
    void aSmallerTaskThatStillFitsIsAboutToBeTaken() {
        List<DirectorLoad> loads = List.of(load("d1", 2, 4, 198, null, NOW));
        assertThat(QueuedReasons.explain(loads, 2, NOW)).isEqualTo("waiting for a director to take it");
    }

    @Test
    void passesOnTheReasonADirectorWithRoomGivesForPausing() {
        List<DirectorLoad> loads = List.of(load("d1", 0, 4, 0, "Docker unavailable", NOW));
        assertThat(QueuedReasons.explain(loads, 2, NOW)).isEqualTo("intake paused: Docker unavailable");
        List<DirectorLoad> mixed = List.of(load("d1", 0, 4, 8, "Docker unavailable", NOW), full("d2"));
        assertThat(QueuedReasons.explain(mixed, 2, NOW))
                .isEqualTo("intake paused: Docker unavailable; 1 of 2 directors at capacity (4/4 tasks)");
    }

    @Test
    void readsTheLatestHeartbeatOfEachDirectorAtTheClocksNow() {
        DirectorLoads loads = new DirectorLoads();
        loads.heard(full("d1"));
        loads.heard(load("d1", 3, 4, 6, null, NOW.minusSeconds(5)));
        QueuedReasons reasons = new QueuedReasons(loads, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(reasons.forTask(2)).isEqualTo("the only director is at capacity (4/4 tasks)");
        QueuedReasons later = new QueuedReasons(loads, Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC));
        assertThat(later.forTask(2)).isEqualTo("no director is running");
    }

    private static DirectorLoad full(String id) {
        return full(id, NOW);
    }

    private static DirectorLoad full(String id, Instant at) {
        return load(id, 4, 4, 8, "at capacity (4/4 tasks)", at);
    }

    /** A heartbeat without a lease header (a director of an older version). */
    private static DirectorLoad load(String id, int running, int max, int workers, String paused, Instant at) {
        return new DirectorLoad(id, running, max, workers, 200, paused, at, null);
    }

    private static DirectorLoad leased(DirectorLoad load, Duration lease) {
        return new DirectorLoad(load.directorId(), load.runningTasks(), load.maxTasks(), load.clusterWorkers(),
                load.maxWorkers(), load.intakePaused(), load.heardAt(), lease);
    }
}
