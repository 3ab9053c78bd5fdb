package io.atq.director.capacity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityRulesTest {

    @Test
    void aDirectorWithAFreeSlotAndFreeWorkersConsumes() {
        assertThat(CapacityRules.pauseReason(new Load(3, 4, 10, 200, 0))).isEmpty();
    }

    @Test
    void aDirectorWithEverySlotTakenPausesNamingItsSlots() {
        assertThat(CapacityRules.pauseReason(new Load(4, 4, 10, 200, 0))).contains("at capacity (4/4 tasks)");
    }

    @Test
    void takeoversBeyondTheSlotsStillCountAsFull() {
        Load load = new Load(5, 4, 10, 200, 0);
        assertThat(load.freeSlots()).isZero();
        assertThat(CapacityRules.pauseReason(load)).contains("at capacity (5/4 tasks)");
    }

    @Test
    void aSwarmAtItsWorkerLimitPausesEveryDirector() {
        assertThat(CapacityRules.pauseReason(new Load(0, 4, 200, 200, 0))).contains("worker limit reached: 200/200 running");
    }

    @Test
    void aTaskHandedBackKeepsIntakePausedUntilItsWorkersAreFree() {
        assertThat(CapacityRules.pauseReason(new Load(0, 4, 198, 200, 3))).contains("worker limit reached: 198/200 running, needs 3");
        assertThat(CapacityRules.pauseReason(new Load(0, 4, 197, 200, 3))).isEmpty();
    }

    @Test
    void aTaskFitsWhenItsWorkersAreFree() {
        Load load = new Load(0, 4, 197, 200, 0);
        assertThat(CapacityRules.fits(load, 3)).isTrue();
        assertThat(CapacityRules.fits(load, 4)).isFalse();
    }

    @Test
    void theSlotsTakenFirstAreNamedBeforeTheWorkerLimit() {
        assertThat(CapacityRules.pauseReason(new Load(4, 4, 200, 200, 0))).contains("at capacity (4/4 tasks)");
    }
}
