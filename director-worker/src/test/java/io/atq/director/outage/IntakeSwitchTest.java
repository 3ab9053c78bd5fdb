package io.atq.director.outage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeSwitchTest {
    private final List<String> calls = new ArrayList<>();
    private final IntakeSwitch intakeSwitch = new IntakeSwitch(new IntakeSwitch.Intake() {
        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public void stop() {
            calls.add("stop");
        }
    });

    @Test
    void takesNothingBeforeTheLedgerCaughtUp() {
        intakeSwitch.dockerAvailable(true);

        assertThat(calls).isEmpty();
        assertThat(intakeSwitch.consuming()).isFalse();
    }

    @Test
    void startsOnceCaughtUpWhileDockerAnswers() {
        intakeSwitch.caughtUp();

        assertThat(calls).containsExactly("start");
        assertThat(intakeSwitch.consuming()).isTrue();
    }

    @Test
    void stopsWhenDockerGoesAwayAndStartsAgainWhenItIsBack() {
        intakeSwitch.caughtUp();
        intakeSwitch.dockerAvailable(false);
        intakeSwitch.dockerAvailable(true);

        assertThat(calls).containsExactly("start", "stop", "start");
    }

    @Test
    void repeatedTransitionsToTheSameStateSwitchNothing() {
        intakeSwitch.caughtUp();
        intakeSwitch.dockerAvailable(false);
        intakeSwitch.dockerAvailable(false);
        intakeSwitch.caughtUp();

        assertThat(calls).containsExactly("start", "stop");
        assertThat(intakeSwitch.consuming()).isFalse();
    }

    @Test
    void catchingUpWhileDockerIsAwayWaitsForDocker() {
        intakeSwitch.dockerAvailable(false);
        intakeSwitch.caughtUp();
        assertThat(calls).isEmpty();

        intakeSwitch.dockerAvailable(true);

        assertThat(calls).containsExactly("start");
    }

    @Test
    void stopsWhileFullAndStartsWhenCapacityFreesUp() {
        intakeSwitch.caughtUp();
        intakeSwitch.capacity("at capacity (4/4 tasks)");
        assertThat(intakeSwitch.consuming()).isFalse();
        assertThat(intakeSwitch.capacityPause()).isEqualTo("at capacity (4/4 tasks)");

        intakeSwitch.capacity(null);

        assertThat(calls).containsExactly("start", "stop", "start");
    }

    @Test
    void capacityFreedWhileDockerIsAwayStillWaitsForDocker() {
        intakeSwitch.caughtUp();
        intakeSwitch.capacity("at capacity (1/1 tasks)");
        intakeSwitch.dockerAvailable(false);
        intakeSwitch.capacity(null);

        assertThat(calls).containsExactly("start", "stop");
    }

    @Test
    void tellsWhyItTakesNothingForTheHeartbeats() {
        assertThat(intakeSwitch.pauseReason()).isEqualTo("catching up with the task log");
        intakeSwitch.caughtUp();
        assertThat(intakeSwitch.pauseReason()).isNull();
        intakeSwitch.dockerAvailable(false);
        assertThat(intakeSwitch.pauseReason()).isEqualTo("Docker unavailable");
        intakeSwitch.dockerAvailable(true);
        intakeSwitch.capacity("at capacity (4/4 tasks)");
        assertThat(intakeSwitch.pauseReason()).isEqualTo("at capacity (4/4 tasks)");
    }

    @Test
    void stopsWhileItCannotRunTasksAndSaysWhy() {
        intakeSwitch.caughtUp();
        intakeSwitch.unready("shared folder /var/lib/atq is full: 3 MiB free, below evidence.minFreeSpace 256 MiB");

        assertThat(intakeSwitch.consuming()).isFalse();
        assertThat(intakeSwitch.pauseReason()).startsWith("shared folder /var/lib/atq is full");

        intakeSwitch.unready(null);

        assertThat(calls).containsExactly("start", "stop", "start");
        assertThat(intakeSwitch.pauseReason()).isNull();
    }

    @Test
    void neverStartsWhileUnreadyEvenOnceCaughtUpAndWithRoom() {
        intakeSwitch.unready("probe image atq/probe:1 is missing on this node");
        intakeSwitch.caughtUp();
        intakeSwitch.capacity(null);

        assertThat(calls).isEmpty();
        assertThat(intakeSwitch.pauseReason()).isEqualTo("probe image atq/probe:1 is missing on this node");
    }
}
