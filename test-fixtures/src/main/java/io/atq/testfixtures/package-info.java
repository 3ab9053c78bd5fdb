/**
 * Test support shared by the modules' integration tests, the system tests and the benchmarks: application jars as
 * child JVMs, the Swarm leak check, task requests, fault injection against the real Docker engine, races and
 * metric reads.
 */
@NullMarked
package io.atq.testfixtures;

import org.jspecify.annotations.NullMarked;
