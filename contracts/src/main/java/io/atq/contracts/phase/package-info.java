/** Task phases, their one transition table, and failure causes. */
@NullMarked
package io.atq.contracts.phase;

import org.jspecify.annotations.NullMarked;
