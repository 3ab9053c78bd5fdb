/** Test support every module's integration and system tests share: fault injection against the real Docker engine. */
package io.atq.testfixtures;
