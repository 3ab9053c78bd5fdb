/** {@code compose/dev bench}: ATQ's figures measured side by side with raw baselines in the same run. */
@NullMarked
package io.atq.bench;

import org.jspecify.annotations.NullMarked;
