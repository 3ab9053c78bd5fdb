package io.atq.systemtests.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@link TestSystem} per test class: its own broker and instance, one gateway and {@code directors} directors
 * started before the first test; closing it after the last test fails the class if any Swarm object is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SystemTestBase {
    private final int directors;
    protected TestSystem system;
    protected AtqClient gateway;

    protected SystemTestBase(int directors) {
        this.directors = directors;
    }

    @BeforeAll
    void startSystem() {
        system = new TestSystem();
        gateway = system.startGateway();
        for (int i = 0; i < directors; i++) {
            system.startDirector();
        }
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close(); // fails the class if any Swarm object of its instance is left
        }
    }
}
