/** The messages gateways and directors exchange, as records under one sealed interface, and their JSON codec. */
@NullMarked
package io.atq.contracts.messages;

import org.jspecify.annotations.NullMarked;
