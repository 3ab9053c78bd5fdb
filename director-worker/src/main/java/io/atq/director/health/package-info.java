/** Actuator health of what a director depends on: the Docker engine as a Swarm manager, the local images, the task log. */
package io.atq.director.health;
