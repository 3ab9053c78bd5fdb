/** Tenancy: which client may see a task, and the per-client limits on what runs at once. Pure rules. */
@NullMarked
package io.atq.gateway.tenancy;

import org.jspecify.annotations.NullMarked;
