/** Adapter: reads the directors' heartbeats (fanout exchange) into {@link io.atq.gateway.directors.DirectorLoads}. */
@NullMarked
package io.atq.gateway.directors.rabbit;

import org.jspecify.annotations.NullMarked;
