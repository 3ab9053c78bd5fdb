/** Actuator health of what a director depends on: the Docker engine as a Swarm manager, the local images, the task log. */
@NullMarked
package io.atq.director.health;

import org.jspecify.annotations.NullMarked;
