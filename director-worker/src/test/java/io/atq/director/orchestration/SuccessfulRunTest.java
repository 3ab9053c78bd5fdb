package io.atq.director.orchestration;

import io.atq.contracts.discovery.ProbeScript;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.EnvVars;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.BindMount;
import io.atq.director.swarm.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SuccessfulRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void movesThroughEveryPhaseInTableOrderExactlyOnce() {
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).containsExactly(
                "QUEUED->PROVISIONING",
                "PROVISIONING->STARTING_WORKERS",
                "STARTING_WORKERS->DISCOVERING",
                "DISCOVERING->STARTING_MASTER",
                "STARTING_MASTER->RUNNING",
                "RUNNING->COLLECTING",
                "COLLECTING->SUCCEEDED");
        assertThat(fixture.events.terminal().exitCode()).isZero();
        assertThat(fixture.events.terminal().failure()).isNull();
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> {
            assertThat(c.complete()).isTrue();
            assertThat(c.director()).isEqualTo(RunFixture.DIRECTOR);
        });
    }

    @Test
    void givesTheMasterTheDiscoveredAddressesThePortAndItsResultsFolder() {
        TaskRequested request = fixture.request().workers(3).port(8080).masterArg("DURATION", "5").build();
        fixture.run(request);

        ServiceDefinition master = fixture.swarm.created(Labels.Role.MASTER);
        assertThat(master.env()).contains(
                entry(EnvVars.REMOTES, "10.0.9.2,10.0.9.3,10.0.9.4"),
                entry(EnvVars.WORKER_CSV_VIPS, "10.0.9.2,10.0.9.3,10.0.9.4"),
                entry(EnvVars.WORKER_PORT, "8080"),
                entry(EnvVars.TASK_ID, request.taskId().value()),
                entry("MODE", "ok"),
                entry("DURATION", "5"));
        assertThat(master.mounts()).containsExactly(new BindMount("/shared/tasks/" + request.taskId() + "/results", "/atq/results"));
        assertThat(fixture.events.event(Phase.STARTING_MASTER).workerAddresses()).containsExactly("10.0.9.2", "10.0.9.3", "10.0.9.4");
        assertThat(fixture.events.event(Phase.RUNNING).workerAddresses()).hasSize(3);
        assertThat(fixture.events.event(Phase.DISCOVERING).workerAddresses()).isEmpty();
    }

    @Test
    void givesTheProbeSwarmsAddressesInSlotOrderAndThePort() {
        TaskRequested request = fixture.request().workers(4).port(8080).build();
        fixture.swarm.addresses((poll, n) -> java.util.Map.of(2, "10.0.9.7", 4, "10.0.9.3", 1, "10.0.9.9", 3, "10.0.9.5"));
        fixture.run(request);

        ServiceDefinition workers = fixture.swarm.created(Labels.Role.WORKER);
        assertThat(workers.replicas()).isEqualTo(4);
        assertThat(workers.env()).containsOnly(entry("MODE", "ok"), entry(EnvVars.TASK_ID, request.taskId().value()));
        ServiceDefinition probe = fixture.swarm.created(Labels.Role.PROBE);
        assertThat(probe.command()).containsExactly("/bin/sh", "-c", ProbeScript.SCRIPT);
        assertThat(probe.env()).containsOnly(
                entry(ProbeScript.ADDRESSES, "10.0.9.9,10.0.9.7,10.0.9.5,10.0.9.3"),
                entry(ProbeScript.PORT, "8080"),
                entry(EnvVars.TASK_ID, request.taskId().value()));
        assertThat(probe.sysctls()).isEqualTo(ProbeScript.SYSCTLS);
        assertThat(workers.sysctls()).isEmpty();
        assertThat(fixture.events.event(Phase.STARTING_MASTER).workerAddresses()).containsExactly("10.0.9.9", "10.0.9.7", "10.0.9.5", "10.0.9.3");
    }

    @Test
    void withoutAPortRunsNoProbeAndGivesTheMasterSwarmsAddresses() {
        TaskRequested request = fixture.request().workers(4).port(null).build();
        fixture.run(request);

        assertThat(fixture.swarm.created()).extracting(s -> s.labels().get(Labels.ROLE)).containsExactly("worker", "master");
        assertThat(fixture.swarm.created(Labels.Role.MASTER).env()).doesNotContainKey(EnvVars.WORKER_PORT)
                .contains(entry(EnvVars.REMOTES, "10.0.9.2,10.0.9.3,10.0.9.4,10.0.9.5"));
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void labelsEveryObjectAndRunsEveryServiceFromALocalImageId() {
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.swarm.created()).hasSize(3).allSatisfy(service -> {
            assertThat(service.imageId()).startsWith("sha256:");
            assertThat(service.name()).startsWith("atq-" + request.taskId() + "-").hasSizeLessThan(64);
            assertThat(service.stopGracePeriod()).isEqualTo(Duration.ofSeconds(2));
            assertThat(service.labels()).contains(
                    entry(Labels.TASK, request.taskId().value()),
                    entry(Labels.INSTANCE, RunFixture.INSTANCE),
                    entry(Labels.MANAGED, "true"),
                    entry(Labels.OWNER, RunFixture.DIRECTOR),
                    entry(Labels.DEADLINE, request.deadline().toString()));
        });
        assertThat(fixture.swarm.created()).extracting(s -> s.labels().get(Labels.ROLE)).containsExactly("worker", "probe", "master");
        assertThat(fixture.journal.matching("create network")).containsExactly("create network atq-" + request.taskId() + "-net");
    }

    @Test
    void startsTheProbeTogetherWithTheWorkersSoItsStartOverlapsTheirs() {
        fixture.swarm.placedOn(Labels.Role.WORKER, slot -> "node-" + slot);
        fixture.run(fixture.request().build());

        assertThat(fixture.journal.matching("create service", "phase STARTING_WORKERS", "phase DISCOVERING")).containsExactly(
                "phase STARTING_WORKERS", "create service worker", "create service probe", "phase DISCOVERING", "create service master");
    }

    @Test
    void writesTheMasterLogBeforeTheVerdict() {
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.files.masterLog(request.taskId())).contains("summary reached=3 total=3");
        assertThat(fixture.journal.matching("master.log", "phase COLLECTING", "phase SUCCEEDED"))
                .containsExactly("phase COLLECTING", "master.log", "phase SUCCEEDED");
    }

    @Test
    void signalsProvisionedOnceTheNetworkExistsAndBeforeAnyService() {
        TaskRequested request = fixture.request().build();
        TaskRun run = fixture.runFor(request);
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> {
            assertThat(run.provisioned()).isDone();
            return io.atq.director.support.FakeSwarmClient.all(n, io.atq.director.swarm.ReplicaState.RUNNING);
        });
        assertThat(run.provisioned()).isNotDone();

        run.run();

        assertThat(fixture.journal.entries().indexOf("create network atq-" + request.taskId() + "-net"))
                .isLessThan(fixture.journal.entries().indexOf("create service worker"));
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }
}
