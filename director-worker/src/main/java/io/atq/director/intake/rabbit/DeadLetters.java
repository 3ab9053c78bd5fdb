package io.atq.director.intake.rabbit;

import org.springframework.amqp.core.Message;

/** Where a refused request message goes: the dead-letter queue, with the reason attached. */
public interface DeadLetters {

    /**
     * Puts a copy of the message, with its reason, on the dead-letter exchange and waits for the broker's confirm.
     *
     * @return {@code true} once the broker confirmed the copy; {@code false} if it did not (the caller then lets
     * the broker dead-letter the original, without the reason)
     */
    boolean publish(Message original, String reason);
}
