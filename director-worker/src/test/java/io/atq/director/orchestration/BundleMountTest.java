package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.BindMount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's test-data bundle is mounted read-only at /atq/data in the master and every worker, never in the probe. */
class BundleMountTest {
    private static final String BUNDLE = "ab".repeat(32);
    private final RunFixture fixture = new RunFixture();

    @Test
    void mountsTheBundlesContentReadOnlyInTheMasterAndTheWorkers() {
        TaskRequested request = fixture.request().bundle(BUNDLE).build();
        fixture.run(request);

        BindMount data = BindMount.readOnly("/shared/bundles/" + BUNDLE + "/content", "/atq/data");
        assertThat(fixture.swarm.created(Labels.Role.WORKER).mounts()).containsExactly(
                new BindMount("/shared/tasks/" + request.taskId() + "/results/workers/{{.Task.Slot}}", "/atq/results", false), data);
        assertThat(fixture.swarm.created(Labels.Role.MASTER).mounts()).containsExactly(
                new BindMount("/shared/tasks/" + request.taskId() + "/results", "/atq/results", false), data);
        assertThat(fixture.swarm.created(Labels.Role.PROBE).mounts()).isEmpty();
    }

    @Test
    void aTaskWithoutABundleMountsOnlyTheResultsFolders() {
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.swarm.created(Labels.Role.WORKER).mounts()).singleElement()
                .satisfies(mount -> assertThat(mount.readOnly()).isFalse());
        assertThat(fixture.swarm.created(Labels.Role.MASTER).mounts()).singleElement()
                .satisfies(mount -> assertThat(mount.readOnly()).isFalse());
    }
}
