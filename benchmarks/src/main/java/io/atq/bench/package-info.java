/** {@code compose/dev bench}: ATQ's figures measured side by side with raw baselines in the same run. */
package io.atq.bench;
