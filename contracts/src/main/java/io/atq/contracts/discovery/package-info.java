/** The discovery probe's script and environment names: what runs inside a task's network to find its workers. */
package io.atq.contracts.discovery;
