package io.atq.director.intake.rabbit;

import org.springframework.amqp.core.Message;

/** Puts a request this director cannot run now back at the tail of the request queue, as a new message. */
@FunctionalInterface
public interface HandBacks {

    /**
     * Publishes a copy of the message to the request queue and waits for the broker's confirm.
     *
     * @return {@code true} once the broker confirmed the copy (the original may be acknowledged)
     */
    boolean handBack(Message original);
}
