package io.atq.director.support;

import io.atq.contracts.names.Topology;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.function.Predicate;

/** Reads the real dead-letter queue; dead letters of earlier tests that nobody awaited are skipped (and consumed). */
public final class DeadLetterQueue {
    private final RabbitTemplate rabbit;

    public DeadLetterQueue(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /** The first dead letter matching, waiting at most {@code atMost}; fails the test when none arrives. */
    public Message await(Predicate<Message> matching, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(Topology.DEAD_LETTER_QUEUE, 500);
            if (message != null && matching.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no matching message in " + Topology.DEAD_LETTER_QUEUE + " within " + atMost);
    }

    /** Matches a dead letter whose body contains the text. */
    public static Predicate<Message> bodyContaining(String text) {
        return message -> new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8).contains(text);
    }
}
