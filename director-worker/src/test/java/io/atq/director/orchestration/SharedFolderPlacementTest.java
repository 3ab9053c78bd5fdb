package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With a shared-folder node label set, every container that binds the shared folder (the master and the workers, each
 * binding its results folder) runs only on nodes labelled {@code <label>=true}; the probe, which binds nothing, anywhere.
 */
class SharedFolderPlacementTest {
    private static final String CONSTRAINT = "node.labels.atq.shared==true";
    private final RunFixture fixture = new RunFixture();

    @Test
    void theMasterAndTheWorkersWithABundleRunOnlyOnLabelledNodes() {
        fixture.settings = labelled("atq.shared");
        TaskRequested request = fixture.request().bundle("ab".repeat(32)).build();

        fixture.run(request);

        assertThat(fixture.swarm.created(Labels.Role.MASTER).placement().constraints()).containsExactly(CONSTRAINT);
        assertThat(fixture.swarm.created(Labels.Role.WORKER).placement().constraints()).containsExactly(CONSTRAINT);
        assertThat(fixture.swarm.created(Labels.Role.PROBE).placement().constraints()).doesNotContain(CONSTRAINT);
    }

    @Test
    void workersWithoutABundleStillRunOnlyOnLabelledNodesAsTheyBindTheirResultsFolders() {
        fixture.settings = labelled("atq.shared");

        fixture.run(fixture.request().build());

        assertThat(fixture.swarm.created(Labels.Role.WORKER).placement().constraints()).containsExactly(CONSTRAINT);
        assertThat(fixture.swarm.created(Labels.Role.MASTER).placement().constraints()).containsExactly(CONSTRAINT);
    }

    @Test
    void withoutALabelNothingIsConstrained() {
        fixture.run(fixture.request().bundle("ab".repeat(32)).build());

        assertThat(fixture.swarm.created(Labels.Role.MASTER).placement().constraints()).isEmpty();
        assertThat(fixture.swarm.created(Labels.Role.WORKER).placement().constraints()).isEmpty();
    }

    @Test
    void aLabelThatIsNoLabelKeyIsRefused() {
        assertThatThrownBy(() -> labelled("atq shared==true")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sharedFolderNodeLabel must be a node label key");
    }

    private RunSettings labelled(String label) {
        return new RunSettings(RunFixture.INSTANCE, RunFixture.DIRECTOR, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(2),
                Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(1), RunSettings.DEFAULT_MAX_LOG_BYTES, label);
    }
}
