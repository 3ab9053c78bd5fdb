/** Masking of args declared {@code secret: true}: one place decides what a view, event, webhook or log line may show. */
package io.atq.contracts.secrets;
