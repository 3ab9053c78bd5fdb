/** The read model's pure core: per-task state, its idempotent, order-safe reducer and the in-memory book of tasks. */
@NullMarked
package io.atq.gateway.tasks;

import org.jspecify.annotations.NullMarked;
