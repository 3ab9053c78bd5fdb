package io.atq.director.capacity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityTest {
    private final List<String> reasons = new ArrayList<>();
    private final Capacity capacity = new Capacity(2, 10, reason -> reasons.add(reason == null ? "open" : reason));

    @Test
    void ownWorkersCountFromTakingUntilTheRunEnds() {
        capacity.observedOthers(4);
        capacity.reserve("a", 3);
        assertThat(capacity.load().clusterWorkers()).isEqualTo(7);
        capacity.freed("a");
        assertThat(capacity.load().clusterWorkers()).isEqualTo(4);
    }

    @Test
    void otherDirectorsWorkersComeFromTheLatestCount() {
        capacity.observedOthers(4);
        capacity.observedOthers(9);
        assertThat(capacity.load().clusterWorkers()).isEqualTo(9);
        assertThat(capacity.fits(1)).isTrue();
        assertThat(capacity.fits(2)).isFalse();
    }

    @Test
    void aHandedBackTaskPausesUntilACountShowsRoomForIt() {
        capacity.observedOthers(8);
        capacity.handedBack(3);
        assertThat(reasons).last().isEqualTo("worker limit reached: 8/10 running, needs 3");
        capacity.observedOthers(7);
        assertThat(reasons).last().isEqualTo("open");
        assertThat(capacity.load().waitingNeed()).isZero();
    }

    @Test
    void takingTheLastSlotPausesAndFreeingItResumes() {
        capacity.taken("a");
        capacity.taken("b");
        assertThat(reasons).last().isEqualTo("at capacity (2/2 tasks)");
        assertThat(capacity.load().runningTasks()).isEqualTo(2);
        capacity.freed("a");
        assertThat(reasons).last().isEqualTo("open");
        assertThat(capacity.load().runningTasks()).isEqualTo(1);
    }

    @Test
    void takingATaskForgetsTheNeedOfOneHandedBack() {
        capacity.handedBack(30);
        capacity.reserve("b", 1);
        assertThat(capacity.load().waitingNeed()).isZero();
    }
}
