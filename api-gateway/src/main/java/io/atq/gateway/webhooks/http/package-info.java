/** Webhook adapters over HTTP: the reactor-netty sender pinned to checked addresses, the JDK resolver, the deliveries API. */
package io.atq.gateway.webhooks.http;
