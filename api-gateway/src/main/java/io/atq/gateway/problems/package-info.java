/**
 * Every RFC 9457 problem the gateway answers: the exceptions that stand for them, the one handler that renders them,
 * and the writer the web filters use before any handler runs.
 */
@NullMarked
package io.atq.gateway.problems;

import org.jspecify.annotations.NullMarked;
