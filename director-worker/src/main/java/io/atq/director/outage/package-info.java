/** Riding out a Docker outage: request intake paused while the {@code docker} circuit is open, and a probe that lets it close again. */
@NullMarked
package io.atq.director.outage;

import org.jspecify.annotations.NullMarked;
