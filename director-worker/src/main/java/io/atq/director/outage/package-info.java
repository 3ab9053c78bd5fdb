/** Riding out a Docker outage: request intake paused while the {@code docker} circuit is open, and a probe that lets it close again. */
package io.atq.director.outage;
