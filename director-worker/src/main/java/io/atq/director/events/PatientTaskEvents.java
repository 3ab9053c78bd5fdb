package io.atq.director.events;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@link TaskEvents} of one run, made to ride out a broker outage: each event is sent again on a backed-off
 * schedule (resilience4j {@code broker-events} retry) until it is recorded or {@code giveUpAt} passes. A phase event
 * that is lost is a task that no read model ever sees finish, so the run waits for the broker instead of failing.
 * The schedule waits for the {@code broker} circuit breaker too: while it is open each attempt fails at once.
 */
public final class PatientTaskEvents implements TaskEvents {
    private static final Logger log = LoggerFactory.getLogger(PatientTaskEvents.class);

    private final TaskEvents delegate;
    private final Retry retry;

    /**
     * @param delegate where events go (each call may fail with {@link EventPublishException})
     * @param schedule the waits between attempts (its attempt limit and exception predicate are replaced)
     * @param clock    the time {@code giveUpAt} is compared with
     * @param giveUpAt after this instant a failure is final
     */
    public PatientTaskEvents(TaskEvents delegate, RetryConfig schedule, Clock clock, Instant giveUpAt) {
        this.delegate = delegate;
        this.retry = Retry.of("broker-events", RetryConfig.from(schedule)
                .maxAttempts(Integer.MAX_VALUE)
                .retryOnException(e -> e instanceof EventPublishException && clock.instant().isBefore(giveUpAt))
                .build());
        retry.getEventPublisher().onRetry(event -> log.info("broker unavailable, event not recorded yet (attempt {}, next in {} ms): {}",
                event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis(), event.getLastThrowable().getMessage()));
    }

    /** Random exponential back-off from 500 ms up to 5 s between attempts: quick after a blip, gentle in an outage. */
    public static RetryConfig defaultSchedule() {
        return RetryConfig.custom()
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(500), 2.0, 0.3, Duration.ofSeconds(5)))
                .build();
    }

    @Override
    public void phaseChanged(TaskPhaseChanged event, boolean reportedToWebhooks) {
        retry.executeRunnable(() -> delegate.phaseChanged(event, reportedToWebhooks));
    }

    @Override
    public void cleanedUp(TaskCleanedUp event) {
        retry.executeRunnable(() -> delegate.cleanedUp(event));
    }
}
