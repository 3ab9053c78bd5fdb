/** Whether this director can run tasks at all (probe image present, shared folder takes evidence), checked periodically. */
package io.atq.director.readiness;
