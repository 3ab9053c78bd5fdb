/** Discovery of a task's workers: their addresses from Swarm's record of the tasks, and the probe script that checks they accept the port. */
@NullMarked
package io.atq.contracts.discovery;

import org.jspecify.annotations.NullMarked;
