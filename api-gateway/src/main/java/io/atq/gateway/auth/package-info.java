/** Authentication: bearer tokens looked up by their SHA-256 among the configured clients, and the filter guarding {@code /v1}. */
@NullMarked
package io.atq.gateway.auth;

import org.jspecify.annotations.NullMarked;
