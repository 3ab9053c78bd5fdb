/** Publishing task messages with broker confirms: the {@code TaskPublisher} role and its RabbitMQ implementation. */
package io.atq.gateway.publish;
