/** Task evidence after the task: when a task folder expires (pure decision) and the periodic job that removes it. */
package io.atq.director.evidence;
