/** Ownership leases and the periodic reconciler: which task objects to remove or take over (pure), and the job that acts on it. */
@NullMarked
package io.atq.director.reaper;

import org.jspecify.annotations.NullMarked;
