/** Pure validation of task specs against the whitelist, shared by gateway (at submission) and directors (before any Docker call). */
package io.atq.contracts.validation;
