package io.atq.gateway.web;

import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.publish.TaskPublisher;
import io.atq.messaging.PublishException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request's publish, answered within a bound whatever the broker does. Waiting for the confirm blocks, so the publish
 * runs on a worker thread of its own; when the bound passes, the request is answered with a {@code TIMEOUT}
 * {@link PublishException} (503 with Retry-After) and the worker is interrupted, which the publisher takes as "give up,
 * send nothing" if the message has not gone out yet.
 * <p>
 * Why a bound of its own: the publisher's confirm timeout starts once a channel is open, and opening one can take
 * tens of seconds (a RabbitMQ node answered {@code channel.open} 15-47 s late after a peer of its cluster was killed).
 */
public final class BoundedPublish {
    private final TaskPublisher publisher;
    private final Duration answerWithin;

    /** @param answerWithin longest a request waits for its publish (the publish timeout and a little more) */
    public BoundedPublish(TaskPublisher publisher, Duration answerWithin) {
        if (answerWithin.isNegative() || answerWithin.isZero()) {
            throw new IllegalArgumentException("the answer bound must be positive, was " + answerWithin);
        }
        this.publisher = publisher;
        this.answerWithin = answerWithin;
    }

    /** Publishes {@code message} on subscription; completes when the broker confirmed it, fails otherwise. */
    public Mono<Void> publish(TaskMessage message) {
        return Mono.defer(() -> {
            AtomicBoolean answered = new AtomicBoolean();
            return Mono.<Void>fromRunnable(() -> {
                        try {
                            publisher.publish(message);
                        } catch (RuntimeException e) {
                            // Once the request was answered nobody listens: the publisher logged the failure, and
                            // Reactor would report the error again as "dropped".
                            if (!answered.get()) {
                                throw e;
                            }
                        }
                    })
                    .subscribeOn(Schedulers.boundedElastic())
                    .timeout(answerWithin, Mono.error(() -> {
                        answered.set(true);
                        return unanswered(message);
                    }));
        });
    }

    private PublishException unanswered(TaskMessage message) {
        TaskId taskId = message.taskId();
        return new PublishException(PublishException.Reason.TIMEOUT, message.typeId(), taskId == null ? null : taskId.value(),
                "no confirm from the broker within " + answerWithin, null);
    }
}
