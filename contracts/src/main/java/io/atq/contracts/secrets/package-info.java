/** Masking of args declared {@code secret: true}: one place decides what a view, event, webhook or log line may show. */
@NullMarked
package io.atq.contracts.secrets;

import org.jspecify.annotations.NullMarked;
