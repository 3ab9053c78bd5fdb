/** Webhook adapters over RabbitMQ: the event and retry queue consumers and the TTL/dead-letter retry ladder. */
@NullMarked
package io.atq.gateway.webhooks.rabbit;

import org.jspecify.annotations.NullMarked;
