package io.atq.director.capacity;

import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityTest {
    private static final TaskId A = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private static final TaskId B = TaskId.parse("00000000-0000-4000-8000-000000000002");
    private final List<String> reasons = new ArrayList<>();
    private final Capacity capacity = new Capacity(2, 10, reason -> reasons.add(reason == null ? "open" : reason));

    @Test
    void ownWorkersCountFromTakingUntilTheRunEnds() {
        capacity.observedOthers(4);
        capacity.reserve(A, 3);
        assertThat(capacity.load().clusterWorkers()).isEqualTo(7);
        capacity.freed(A);
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
        capacity.taken(A);
        capacity.taken(B);
        assertThat(reasons).last().isEqualTo("at capacity (2/2 tasks)");
        assertThat(capacity.load().runningTasks()).isEqualTo(2);
        capacity.freed(A);
        assertThat(reasons).last().isEqualTo("open");
        assertThat(capacity.load().runningTasks()).isEqualTo(1);
    }

    @Test
    void takingATaskForgetsTheNeedOfOneHandedBack() {
        capacity.handedBack(30);
        capacity.reserve(B, 1);
        assertThat(capacity.load().waitingNeed()).isZero();
    }
}
