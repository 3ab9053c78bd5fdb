/** Pure validation of task specs against the whitelist, shared by gateway (at submission) and directors (before any Docker call). */
@NullMarked
package io.atq.contracts.validation;

import org.jspecify.annotations.NullMarked;
