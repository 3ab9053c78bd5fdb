/** Publishing task messages with broker confirms: the {@code TaskPublisher} role and its RabbitMQ implementation. */
@NullMarked
package io.atq.gateway.publish;

import org.jspecify.annotations.NullMarked;
