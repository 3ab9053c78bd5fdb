/** The read model's pure core: per-task state, its idempotent, order-safe reducer and the in-memory book of tasks. */
package io.atq.gateway.tasks;
