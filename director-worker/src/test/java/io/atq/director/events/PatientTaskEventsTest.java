package io.atq.director.events;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.support.MutableClock;
import io.atq.director.support.RecordingTaskEvents;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatientTaskEventsTest {
    private static final TaskId T_1 = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private static final RetryConfig NO_WAIT = RetryConfig.custom().waitDuration(Duration.ofMillis(1)).build();
    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final RecordingTaskEvents recorded = new RecordingTaskEvents();

    /** Fails the first {@code failures} calls like a broker that is away, then records. */
    private TaskEvents brokerAwayFor(int failures, AtomicInteger attempts) {
        return new TaskEvents() {
            @Override
            public void phaseChanged(TaskPhaseChanged event, boolean reportedToWebhooks) {
                if (attempts.incrementAndGet() <= failures) {
                    throw new EventPublishException(event.typeId(), event.taskId(), "connection refused", null);
                }
                recorded.phaseChanged(event, reportedToWebhooks);
            }

            @Override
            public void cleanedUp(TaskCleanedUp event) {
                if (attempts.incrementAndGet() <= failures) {
                    throw new EventPublishException(event.typeId(), event.taskId(), "connection refused", null);
                }
                recorded.cleanedUp(event);
            }
        };
    }

    private TaskPhaseChanged running() {
        return new TaskPhaseChanged(T_1, Phase.RUNNING, clock.instant(), "d-1", List.of(), null, null);
    }

    @Test
    void aPhaseEventIsRecordedOnceTheBrokerIsBackHoweverManyAttemptsThatTakes() {
        AtomicInteger attempts = new AtomicInteger();
        TaskEvents events = new PatientTaskEvents(brokerAwayFor(25, attempts), NO_WAIT, clock, clock.instant().plusSeconds(60));

        events.phaseChanged(running(), true);

        assertThat(attempts).hasValue(26);
        assertThat(recorded.moves()).containsExactly("QUEUED->RUNNING");
    }

    @Test
    void theCleanUpReportIsAlsoSentAgainUntilRecorded() {
        AtomicInteger attempts = new AtomicInteger();
        TaskEvents events = new PatientTaskEvents(brokerAwayFor(3, attempts), NO_WAIT, clock, clock.instant().plusSeconds(60));

        events.cleanedUp(new TaskCleanedUp(T_1, clock.instant(), "d-1", true, null));

        assertThat(recorded.cleanUps()).hasSize(1);
        assertThat(attempts).hasValue(4);
    }

    @Test
    void afterItsGiveUpInstantAFailureIsFinal() {
        AtomicInteger attempts = new AtomicInteger();
        Instant giveUpAt = clock.instant().plusSeconds(60);
        TaskEvents events = new PatientTaskEvents(brokerAwayFor(Integer.MAX_VALUE, attempts), NO_WAIT, clock, giveUpAt);
        clock.advance(Duration.ofSeconds(61));

        assertThatThrownBy(() -> events.phaseChanged(running(), true)).isInstanceOf(EventPublishException.class);
        assertThat(attempts).hasValue(1);
        assertThat(recorded.moves()).isEmpty();
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        TaskEvents broken = new TaskEvents() {
            @Override
            public void phaseChanged(TaskPhaseChanged event, boolean reportedToWebhooks) {
                attempts.incrementAndGet();
                throw new IllegalStateException("bug");
            }

            @Override
            public void cleanedUp(TaskCleanedUp event) {
            }
        };
        TaskEvents events = new PatientTaskEvents(broken, NO_WAIT, clock, clock.instant().plusSeconds(60));

        assertThatThrownBy(() -> events.phaseChanged(running(), true)).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theDefaultScheduleBacksOffButNeverWaitsLongerThanFiveSeconds() {
        RetryConfig schedule = PatientTaskEvents.defaultSchedule();
        long first = schedule.getIntervalBiFunction().apply(1, null);
        long late = schedule.getIntervalBiFunction().apply(30, null);
        assertThat(first).isBetween(300L, 700L);
        assertThat(late).isLessThanOrEqualTo(5000L).isGreaterThanOrEqualTo(3000L);
    }
}
