/** The messages gateways and directors exchange, as records under one sealed interface, and their JSON codec. */
package io.atq.contracts.messages;
