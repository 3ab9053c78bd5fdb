package io.atq.director.orchestration;

import io.atq.contracts.tasks.TaskId;
import io.atq.director.support.FakeSwarmClient;
import io.atq.director.support.Journal;
import io.atq.director.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A container that outlives every service of its task (Swarm left it behind) is force-removed, and only then. */
class OrphanedContainerRemovalTest {
    private static final TaskId TASK = TaskId.parse("6c97c182-fc63-491b-adf8-38ac7c3144bd");
    private final Journal journal = new Journal();
    private final FakeSwarmClient swarm = new FakeSwarmClient(journal);
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final TaskRemoval removal = new TaskRemoval(swarm, "atq-test", Duration.ofMillis(200), Duration.ofMinutes(2),
            clock, clock.sleeper());

    @Test
    void aContainerSwarmLeftBehindIsForceRemovedOnceItOutlivedItsServiceLongEnough() {
        swarm.leaveOrphanContainer("c-orphan", "atq-" + TASK + "-probe.1.x");
        Instant start = clock.instant();

        TaskRemoval.Result result = removal.removeAll(TASK);

        assertThat(result.complete()).as(result.message()).isTrue();
        assertThat(journal.entries()).contains("remove container c-orphan");
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(TaskRemoval.ORPHAN_AFTER);
    }

    @Test
    void containersThatGoByThemselvesAreLeftToSwarm() {
        TaskRemoval.Result result = removal.removeAll(TASK);

        assertThat(result.complete()).isTrue();
        assertThat(journal.entries()).noneMatch(entry -> entry.startsWith("remove container"));
    }

    @Test
    void withoutEnoughBudgetTheOrphanIsReportedNotHidden() {
        TaskRemoval shortRemoval = new TaskRemoval(swarm, "atq-test", Duration.ofMillis(200), Duration.ofSeconds(5), clock, clock.sleeper());
        swarm.leaveOrphanContainer("c-orphan", "atq-" + TASK + "-probe.1.x");

        TaskRemoval.Result result = shortRemoval.removeAll(TASK);

        assertThat(result.complete()).isFalse();
        assertThat(result.message()).contains("containers still present");
    }

    @Test
    void aStopRequestDuringCleanUpDoesNotCutItShort() {
        swarm.leaveOrphanContainer("c-orphan", "atq-" + TASK + "-probe.1.x");
        int[] sleeps = {0};
        // The director stops while this run is cleaning up: its first wait is interrupted.
        TaskRemoval interrupted = new TaskRemoval(swarm, "atq-test", Duration.ofMillis(200), Duration.ofMinutes(2), clock, pause -> {
            if (sleeps[0]++ == 0) {
                throw new InterruptedException("director stopping");
            }
            clock.sleeper().sleep(pause);
        });

        TaskRemoval.Result result = interrupted.removeAll(TASK);

        assertThat(result.complete()).as(result.message()).isTrue();
        assertThat(journal.entries()).contains("remove container c-orphan");
        assertThat(Thread.interrupted()).as("the stop request is kept for the caller").isTrue();
    }
}
