/** Test support every module's integration and system tests share: fault injection against the real Docker engine. */
@NullMarked
package io.atq.testfixtures;

import org.jspecify.annotations.NullMarked;
