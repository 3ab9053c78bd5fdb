/** Micrometer adapters: the director's meters (phase moves and durations, running tasks, request queue depth). */
package io.atq.director.metrics;
