/** Adapter: reads the directors' heartbeats (fanout exchange) into {@link io.atq.gateway.directors.DirectorLoads}. */
package io.atq.gateway.directors.rabbit;
