/** Micrometer adapters: the director's meters (phase moves and durations, running tasks, request queue depth). */
@NullMarked
package io.atq.director.metrics;

import org.jspecify.annotations.NullMarked;
