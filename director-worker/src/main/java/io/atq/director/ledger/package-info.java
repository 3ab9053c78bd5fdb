/** What the task log stream says about every task (cancelled, terminal, in progress elsewhere): a pure ledger and its stream reader. */
@NullMarked
package io.atq.director.ledger;

import org.jspecify.annotations.NullMarked;
