/** Task phases, their one transition table, and failure causes. */
package io.atq.contracts.phase;
