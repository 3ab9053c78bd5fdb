/** Director heartbeats over RabbitMQ (a non-durable fanout exchange), feeding the reaper's {@link io.atq.director.reaper.Leases}. */
@NullMarked
package io.atq.director.presence;

import org.jspecify.annotations.NullMarked;
