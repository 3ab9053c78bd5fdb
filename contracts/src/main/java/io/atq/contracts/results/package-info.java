/** A task's results as its master reports them: the {@code results/summary.json} shape and its checks. */
@NullMarked
package io.atq.contracts.results;

import org.jspecify.annotations.NullMarked;
