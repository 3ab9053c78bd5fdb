package io.atq.director.presence;

import io.atq.contracts.tasks.TaskId;
import io.atq.director.orchestration.HandOver;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.reaper.Leases;
import io.atq.director.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** A stopping director hands its tasks over when another director can take them, and ends them when none can. */
class DirectorDepartureTest {
    private final List<String> said = new CopyOnWriteArrayList<>();
    private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    private final Leases leases = new Leases("me", Duration.ofSeconds(15));
    private final HandOver handOver = new HandOver();
    private final TaskRunner runner = new TaskRunner(4, Duration.ofSeconds(5), (request, admitted, start) -> {
        throw new AssertionError("no fresh run in this test");
    }, new TaskRunner.SlotListener() {
        @Override
        public void taken(TaskId taskId) {
        }

        @Override
        public void freed(TaskId taskId) {
        }
    });
    private final IntakeSwitch intake = new IntakeSwitch(new IntakeSwitch.Intake() {
        @Override
        public void start() {
            said.add("consuming");
        }

        @Override
        public void stop() {
            said.add("switch stops consuming");
        }
    });
    private final Presence presence = new Presence() {
        @Override
        public void announceStopping() {
            said.add("stopping");
        }

        @Override
        public void announceLeft() {
            said.add("left");
        }
    };
    private final DirectorDeparture departure = new DirectorDeparture(presence, intake, () -> said.add("consumer stopped"), runner,
            handOver, leases, clock, pause -> {
                said.add("listens " + pause.toMillis() + " ms");
                clock.advance(pause);
            }, Duration.ofSeconds(1), Duration.ofSeconds(10));

    @Test
    void withAnotherDirectorAliveItsRunsHandTheirTasksOverThenItSaysItLeft() throws InterruptedException {
        leases.heard("heir", clock.instant());
        CountDownLatch running = runUntilStopped();

        departure.depart();

        assertThat(running.getCount()).as("the run was stopped").isZero();
        assertThat(said).containsExactly("stopping", "consumer stopped", "listens 1000 ms", "run stopped, handing over: true", "left");
        assertThat(intake.pauseReason()).isEqualTo("the director is stopping");
    }

    @Test
    void withNoOtherDirectorAliveItsRunsEndTheirTasks() throws InterruptedException {
        runUntilStopped();

        departure.depart();

        assertThat(said).containsExactly("stopping", "consumer stopped", "listens 1000 ms", "run stopped, handing over: false", "left");
    }

    @Test
    void aDirectorThatIsStoppingTooIsNoHeir() throws InterruptedException {
        leases.heard("other", clock.instant(), Leases.Departure.STOPPING);
        runUntilStopped();

        departure.depart();

        assertThat(said).contains("run stopped, handing over: false");
    }

    @Test
    void withNothingRunningItLeavesWithoutListening() {
        leases.heard("heir", clock.instant());

        departure.depart();

        assertThat(said).containsExactly("stopping", "consumer stopped", "left");
        assertThat(handOver.underway()).isFalse();
    }

    @Test
    void fromTheMomentItStopsItTakesOverNothing() {
        departure.depart();

        assertThat(runner.adopt(new TaskId(UUID.randomUUID().toString()), () -> said.add("adopted"))).isFalse();
        assertThat(said).doesNotContain("adopted");
    }

    /** A run that waits until interrupted, then says whether a hand-over was underway; counted down once it stopped. */
    private CountDownLatch runUntilStopped() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        runner.adopt(new TaskId(UUID.randomUUID().toString()), () -> {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                said.add("run stopped, handing over: " + handOver.underway());
                stopped.countDown();
            }
        });
        started.await();
        return stopped;
    }
}
