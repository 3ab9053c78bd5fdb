/** The director's outgoing events ({@link io.atq.director.events.TaskEvents}) and their confirmed RabbitMQ publishing. */
@NullMarked
package io.atq.director.events;

import org.jspecify.annotations.NullMarked;
