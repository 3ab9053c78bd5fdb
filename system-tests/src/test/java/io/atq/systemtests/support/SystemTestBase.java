package io.atq.systemtests.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@link TestSystem} per test class: its own vhost (or broker) and instance, one gateway (or more) and {@code directors} directors
 * started before the first test; closing it after the last test fails the class if any Swarm object is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SystemTestBase {
    private final int gateways;
    private final int directors;
    private final String extraYaml;
    private final List<String> directorArgs;
    protected TestSystem system;
    protected AtqClient gateway;
    /** Every gateway started here; the first is {@link #gateway}. */
    protected List<AtqClient> allGateways = List.of();

    protected SystemTestBase(int directors) {
        this(directors, "", List.of());
    }

    /** @param extraYaml appended to the test YAML (configuration sections the template lacks) */
    protected SystemTestBase(int directors, String extraYaml) {
        this(directors, extraYaml, List.of());
    }

    /** With {@code extraYaml} appended to the shared YAML and {@code directorArgs} given to every director started here. */
    protected SystemTestBase(int directors, String extraYaml, List<String> directorArgs) {
        this(1, directors, extraYaml, directorArgs);
    }

    /** With {@code gateways} gateways (all on the same broker and instance) instead of one. */
    protected SystemTestBase(int gateways, int directors, String extraYaml, List<String> directorArgs) {
        this.gateways = gateways;
        this.directors = directors;
        this.extraYaml = extraYaml;
        this.directorArgs = List.copyOf(directorArgs);
    }

    /** True for a class that stops or reconfigures the broker: it gets a broker container of its own. */
    protected boolean ownBroker() {
        return false;
    }

    @BeforeAll
    void startSystem() {
        system = ownBroker() ? TestSystem.withOwnBroker(extraYaml) : new TestSystem(extraYaml);
        // Gateways and directors start at once: the start-ups overlap.
        allGateways = system.startAll(gateways, directors, directorArgs);
        gateway = allGateways.getFirst();
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close(); // fails the class if any Swarm object of its instance is left
        }
    }
}
