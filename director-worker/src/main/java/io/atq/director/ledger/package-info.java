/** What the task log stream says about every task (cancelled, terminal, in progress elsewhere): a pure ledger and its stream reader. */
package io.atq.director.ledger;
