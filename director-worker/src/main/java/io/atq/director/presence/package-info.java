/** Director heartbeats over RabbitMQ (a non-durable fanout exchange), feeding the reaper's {@link io.atq.director.reaper.Leases}. */
package io.atq.director.presence;
