/** Webhook adapters over HTTP: the reactor-netty sender pinned to checked addresses, the JDK resolver, the deliveries API. */
@NullMarked
package io.atq.gateway.webhooks.http;

import org.jspecify.annotations.NullMarked;
