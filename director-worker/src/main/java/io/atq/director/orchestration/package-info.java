/** A task run as a sequence of steps with deadlines and decisions; pure: it talks only to SwarmClient, TaskEvents, TaskFiles and a Clock. */
@NullMarked
package io.atq.director.orchestration;

import org.jspecify.annotations.NullMarked;
