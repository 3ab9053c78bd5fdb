/** The ATQ director: takes tasks from the request queue and runs each as a short-lived environment on Docker Swarm. */
@NullMarked
package io.atq.director;

import org.jspecify.annotations.NullMarked;
