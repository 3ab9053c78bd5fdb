/** The directors as the gateway hears them (load from heartbeats) and the pure rule saying why a task still waits. */
@NullMarked
package io.atq.gateway.directors;

import org.jspecify.annotations.NullMarked;
