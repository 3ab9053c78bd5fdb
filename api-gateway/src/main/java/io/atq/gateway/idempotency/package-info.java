/** Idempotent submission: keys, task ids derived from client and key, canonical request hashes, and who won. Pure. */
package io.atq.gateway.idempotency;
