/** Task evidence after the task: when a task folder expires (pure decision) and the periodic job that removes it. */
@NullMarked
package io.atq.director.evidence;

import org.jspecify.annotations.NullMarked;
