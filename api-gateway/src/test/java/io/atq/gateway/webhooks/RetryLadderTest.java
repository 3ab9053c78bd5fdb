package io.atq.gateway.webhooks;

import io.atq.contracts.names.Topology;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry schedule as wait-queue steps with jittered expirations. */
class RetryLadderTest {
    private final RetryLadder ladder = new RetryLadder(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)));

    @Test
    void attemptNFailingWaitsOnStepNMinusOneAndTheLastAttemptHasNoStep() {
        SplittableRandom random = new SplittableRandom(1);

        assertThat(ladder.maxAttempts()).isEqualTo(4);
        assertThat(ladder.after(1, random)).hasValueSatisfying(w -> assertThat(w.step()).isZero());
        assertThat(ladder.after(2, random)).hasValueSatisfying(w -> assertThat(w.step()).isEqualTo(1));
        assertThat(ladder.after(3, random)).hasValueSatisfying(w -> assertThat(w.step()).isEqualTo(2));
        assertThat(ladder.after(4, random)).isEmpty();
        assertThat(ladder.after(0, random)).isEmpty();
    }

    @Test
    void everyWaitStaysWithinTwentyPercentOfTheScheduleAndNeverAboveItsQueueTtl() {
        SplittableRandom random = new SplittableRandom(42);
        for (int attempt = 1; attempt <= 3; attempt++) {
            long nominal = 1000L << (attempt - 1);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 2000; i++) {
                RetryLadder.Wait wait = ladder.after(attempt, random).orElseThrow();
                long ms = wait.expiration().toMillis();
                assertThat(ms).isBetween(Math.round(nominal * 0.8), Math.round(nominal * 1.2));
                assertThat(wait.expiration()).isLessThanOrEqualTo(wait.queueTtl());
                min = Math.min(min, ms);
                max = Math.max(max, ms);
            }
            // Spread over the whole band, not a constant: jitter is really applied.
            assertThat(max - min).isGreaterThan(nominal / 4);
        }
    }

    @Test
    void queueTtlsAreTheUpperJitterBoundsAndNameTheirQueues() {
        assertThat(ladder.queueTtls()).containsExactly(Duration.ofMillis(1200), Duration.ofMillis(2400), Duration.ofMillis(4800));
        assertThat(Topology.webhookWaitQueue(Duration.ofMillis(1200))).isEqualTo("atq.webhook-wait.v1.1200ms");
        assertThat(Topology.webhookWaitQueueArguments(Duration.ofMillis(1200)))
                .containsEntry("x-message-ttl", 1200L)
                .containsEntry("x-dead-letter-exchange", "")
                .containsEntry("x-dead-letter-routing-key", Topology.WEBHOOK_RETRY_QUEUE)
                .containsEntry("x-dead-letter-strategy", "at-least-once");
    }

    @Test
    void theDefaultScheduleGivesSevenRetries() {
        RetryLadder defaults = new RetryLadder(io.atq.contracts.config.WebhookSettings.DEFAULT.retrySchedule());

        assertThat(defaults.maxAttempts()).isEqualTo(8);
        assertThat(defaults.queueTtls().getLast()).isEqualTo(Duration.ofHours(3).plusMinutes(36));
    }
}
