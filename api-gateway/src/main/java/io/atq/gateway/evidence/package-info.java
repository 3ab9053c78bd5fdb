/** A task's evidence on the shared folder as the gateway serves it: its files, log lines, a live tail, the zip, retention. */
@NullMarked
package io.atq.gateway.evidence;

import org.jspecify.annotations.NullMarked;
