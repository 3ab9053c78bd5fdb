/** What the director needs from Docker Swarm ({@link io.atq.director.swarm.SwarmClient}, pure values and state mapping) and its docker-java implementation. */
@NullMarked
package io.atq.director.swarm;

import org.jspecify.annotations.NullMarked;
