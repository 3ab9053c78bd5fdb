package io.atq.gateway.web;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.tasks.TaskId;
import io.atq.messaging.PublishException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request's publish ends by its bound even when the publisher is stuck, and the stuck worker is told to give up. */
class BoundedPublishTest {
    private static final TaskId TASK = TaskId.parse("00000000-0000-4000-8000-000000000007");
    private final CancelTask message = new CancelTask(TASK, Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aConfirmedPublishCompletes() {
        AtomicBoolean published = new AtomicBoolean();

        new BoundedPublish(m -> published.set(true), Duration.ofSeconds(5)).publish(message).block(Duration.ofSeconds(5));

        assertThat(published).isTrue();
    }

    @Test
    void aPublishStuckPastTheBoundIsAnsweredAsATimeoutAndItsWorkerIsInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        BoundedPublish publishing = new BoundedPublish(m -> {
            try {
                // What a channel.open the broker leaves unanswered looks like to the request.
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(200));

        long start = System.nanoTime();
        assertThatThrownBy(() -> publishing.publish(message).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(PublishException.Reason.TIMEOUT);
                    assertThat(e.getTaskId()).isEqualTo(TASK.value());
                    assertThat(e.getTypeId()).isEqualTo("cancel-task.v1");
                    assertThat(e.getDetail()).contains("PT0.2S");
                });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the stuck publish was interrupted").isTrue();
    }

    @Test
    void aFailedPublishKeepsItsOwnReason() {
        BoundedPublish publishing = new BoundedPublish(m -> {
            throw new PublishException(PublishException.Reason.UNROUTABLE, m.typeId(), null, "returned 312 NO_ROUTE", null);
        }, Duration.ofSeconds(5));

        assertThatThrownBy(() -> publishing.publish(message).block(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.getReason()).isEqualTo(PublishException.Reason.UNROUTABLE));
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new BoundedPublish(m -> { }, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
