/** Seeded generators of hostile requests (mutated, oversized, random bytes) for the parser and the running gateway. */
package io.atq.gateway.hostile;
