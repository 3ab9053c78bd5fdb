/** Whether this director can run tasks at all (probe image present, shared folder takes evidence), checked periodically. */
@NullMarked
package io.atq.director.readiness;

import org.jspecify.annotations.NullMarked;
