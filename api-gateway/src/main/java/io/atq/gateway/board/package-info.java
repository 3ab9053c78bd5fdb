/** The task board: the browser app's static files (HTML, ES modules, CSS) served at {@code /} and {@code /board/**}. */
@NullMarked
package io.atq.gateway.board;

import org.jspecify.annotations.NullMarked;
