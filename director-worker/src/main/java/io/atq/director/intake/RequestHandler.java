package io.atq.director.intake;

import org.jspecify.annotations.Nullable;

/** Decides and acts on one raw message from the request queue, and says what becomes of the message. */
public interface RequestHandler {

    /**
     * Handles one message. An unexpected exception means "could not decide": the listener returns the message to
     * the queue, whose delivery limit bounds how often that can happen.
     *
     * @param typeId the AMQP {@code type} property
     * @param body   the raw body
     */
    TaskIntake.Result handle(@Nullable String typeId, byte[] body) throws InterruptedException;
}
