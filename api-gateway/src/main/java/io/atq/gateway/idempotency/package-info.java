/** Idempotent submission: keys, task ids derived from client and key, canonical request hashes, and who won. Pure. */
@NullMarked
package io.atq.gateway.idempotency;

import org.jspecify.annotations.NullMarked;
