/** Tenancy: which client may see a task, and the per-client limits on what runs at once. Pure rules. */
package io.atq.gateway.tenancy;
