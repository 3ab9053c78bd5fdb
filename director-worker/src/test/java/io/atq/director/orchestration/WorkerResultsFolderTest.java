package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.BindMount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every worker writes its results to a folder of its own, {@code results/workers/<slot>/}, which the master sees inside
 * its own {@code results/}: one bind per service, whose source Swarm expands per replica.
 */
class WorkerResultsFolderTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void theWorkersBindTheirSlotsResultsFolderWritableAtTheResultsTarget() {
        TaskRequested request = fixture.request().workers(3).build();

        fixture.run(request);

        assertThat(fixture.swarm.created(Labels.Role.WORKER).mounts()).containsExactly(
                new BindMount("/shared/tasks/" + request.taskId() + "/results/workers/{{.Task.Slot}}", "/atq/results", false));
        assertThat(fixture.swarm.created(Labels.Role.MASTER).mounts()).containsExactly(
                new BindMount("/shared/tasks/" + request.taskId() + "/results", "/atq/results", false));
    }

    @Test
    void aFolderForEverySlotIsMadeBeforeTheWorkersServiceAsABindSourceMustExist() {
        TaskRequested request = fixture.request().workers(5).build();

        fixture.run(request);

        assertThat(fixture.journal.matching("folder", "create service worker"))
                .containsExactly("folder " + request.taskId() + " workers 5", "create service worker");
    }

    @Test
    void aTakeoverMakesTheFoldersAgainAndAdoptsTheWorkersAsTheyAre() {
        TaskRequested request = fixture.request().workers(2).build();

        fixture.takeOver(request, io.atq.contracts.phase.Phase.PROVISIONING, "dead-1");

        assertThat(fixture.journal.matching("folder")).containsExactly("folder " + request.taskId() + " workers 2");
        assertThat(fixture.swarm.created(Labels.Role.WORKER).mounts()).singleElement()
                .satisfies(mount -> assertThat(mount.source()).endsWith("/results/workers/{{.Task.Slot}}"));
    }
}
