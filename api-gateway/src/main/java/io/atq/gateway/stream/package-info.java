/** Adapter feeding the read model from the task log stream, plus live updates (Reactor) and catch-up health. */
@NullMarked
package io.atq.gateway.stream;

import org.jspecify.annotations.NullMarked;
