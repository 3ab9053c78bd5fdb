/** A task's identity as one value, validated once, that knows the names derived from it. */
@NullMarked
package io.atq.contracts.tasks;

import org.jspecify.annotations.NullMarked;
