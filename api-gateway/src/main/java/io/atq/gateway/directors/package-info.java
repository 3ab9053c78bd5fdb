/** The directors as the gateway hears them (load from heartbeats) and the pure rule saying why a task still waits. */
package io.atq.gateway.directors;
