/** The director's outgoing events ({@link io.atq.director.events.TaskEvents}) and their confirmed RabbitMQ publishing. */
package io.atq.director.events;
