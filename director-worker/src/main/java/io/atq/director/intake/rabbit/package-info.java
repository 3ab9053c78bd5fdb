/**
 * The request queue's Spring AMQP adapter, the only part of intake that sees a {@code Message}: the consumer that
 * hands type and body to {@link io.atq.director.intake.RequestHandler} and settles the message as told, and the
 * confirmed copies it publishes (dead letters with their reason, hand-backs to the queue's tail).
 */
@NullMarked
package io.atq.director.intake.rabbit;

import org.jspecify.annotations.NullMarked;
