package io.atq.director.orchestration;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.config.RegistryAuth;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.validation.AdmittedImage;
import io.atq.contracts.validation.AdmittedSpec;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry image is pinned to the digest its registry serves when the task is provisioned, once: its services are
 * created with {@code repo@sha256:…} and the registry login, the view records that, and a later push to the tag only
 * changes the next task. Local images keep their local ids.
 */
class RegistryImagesRunTest {
    private static final String WORKER = "127.0.0.1:5000/atq/demo-worker:1";
    private static final String FIRST = "sha256:" + "1".repeat(64);
    private static final String SECOND = "sha256:" + "2".repeat(64);
    private static final AtqConfig CONFIG = ConfigLoader.parse("test", new StringReader("""
            registryAuth: {username: ci, passwordFile: /run/secrets/registry}
            images:
              - imageName: 127.0.0.1:5000/atq/demo-worker:1
                args: [{name: MODE, required: true}]
              - imageName: 127.0.0.1:5000/atq/demo-worker:2@sha256:2222222222222222222222222222222222222222222222222222222222222222
                args: [{name: MODE, required: true}]
              - imageName: atq/demo-master:1
                args: [{name: MODE, required: true}]
            """));

    private final RunFixture fixture = new RunFixture();

    @Test
    void createsTheWorkersByTheDigestTheRegistryServedAtProvisioningAndRecordsIt() {
        fixture.swarm.pushed(WORKER, FIRST);

        fixture.runFor(request(), admitted(request())).run();

        var workers = fixture.swarm.created(Labels.Role.WORKER);
        assertThat(workers.imageId()).isEqualTo("127.0.0.1:5000/atq/demo-worker@" + FIRST);
        assertThat(workers.registryAuth()).isEqualTo(new RegistryAuth("ci", Path.of("/run/secrets/registry")));
        assertThat(fixture.events.event(Phase.STARTING_WORKERS).images()).containsEntry("worker", "127.0.0.1:5000/atq/demo-worker@" + FIRST);
        assertThat(fixture.swarm.registryLookups()).containsExactly(WORKER + " ci");
        // The local master keeps its local id, and no login.
        var master = fixture.swarm.created(Labels.Role.MASTER);
        assertThat(master.imageId()).startsWith("sha256:");
        assertThat(master.registryAuth()).isNull();
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void aPushToTheSameTagChangesOnlyTheNextTask() {
        fixture.swarm.pushed(WORKER, FIRST);
        TaskRequested first = request();
        fixture.runFor(first, admitted(first)).run();
        fixture.swarm.pushed(WORKER, SECOND);
        TaskRequested second = request();
        fixture.runFor(second, admitted(second)).run();

        assertThat(fixture.swarm.created().stream()
                .filter(s -> Labels.Role.WORKER.label().equals(s.labels().get(Labels.ROLE)))
                .map(s -> s.labels().get(Labels.TASK) + " " + s.imageId()))
                .containsExactly(first.taskId().value() + " 127.0.0.1:5000/atq/demo-worker@" + FIRST,
                        second.taskId().value() + " 127.0.0.1:5000/atq/demo-worker@" + SECOND);
    }

    @Test
    void aTagTheRegistryDoesNotHaveFailsTheTaskAsInfraNamingTheImage() {
        fixture.runFor(request(), admitted(request())).run();

        var terminal = fixture.events.terminal();
        assertThat(terminal.phase()).isEqualTo(Phase.FAILED);
        assertThat(terminal.failure().message()).contains("image " + WORKER + " is not in its registry", "manifest unknown");
        assertThat(fixture.swarm.created()).isEmpty();
    }

    @Test
    void aWhitelistedDigestIsRunAsItIsWithoutAskingTheRegistry() {
        TaskRequested request = fixture.request().workerImage("127.0.0.1:5000/atq/demo-worker:2@" + SECOND).build();

        fixture.runFor(request, admitted(request)).run();

        assertThat(fixture.swarm.created(Labels.Role.WORKER).imageId()).isEqualTo("127.0.0.1:5000/atq/demo-worker@" + SECOND);
        assertThat(fixture.swarm.registryLookups()).isEmpty();
    }

    @Test
    void aTakeoverKeepsTheDigestTheDeadDirectorsWorkersRunThoughTheTagMoved() {
        TaskRequested request = request();
        Map<String, String> labels = Map.of(Labels.TASK, request.taskId().value(), Labels.INSTANCE, RunFixture.INSTANCE,
                Labels.MANAGED, "true", Labels.OWNER, "dead-1", Labels.DEADLINE, request.deadline().toString());
        fixture.swarm.existingNetwork(request.taskId().networkName(), with(labels, Labels.Role.NETWORK));
        fixture.swarm.createService(new ServiceDefinition(request.taskId().workersName(), "127.0.0.1:5000/atq/demo-worker@" + FIRST, 3,
                List.of(), Map.of(), "net-" + request.taskId().networkName(), with(labels, Labels.Role.WORKER), List.of(), Duration.ofSeconds(1)));
        fixture.swarm.pushed(WORKER, SECOND);

        fixture.runFor(request, admitted(request), TaskRun.Start.takenOver(Phase.STARTING_WORKERS, "dead-1")).run();

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fixture.events.terminal().images()).containsEntry("worker", "127.0.0.1:5000/atq/demo-worker@" + FIRST);
        assertThat(fixture.swarm.registryLookups()).isEmpty();
    }

    private static Map<String, String> with(Map<String, String> labels, Labels.Role role) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(Labels.ROLE, role.label());
        return all;
    }

    private TaskRequested request() {
        return fixture.request().workerImage(WORKER).build();
    }

    private static AdmittedSpec admitted(TaskRequested request) {
        return new AdmittedSpec(request.spec(), image(request.spec().workers().image()), image(request.spec().master().image()));
    }

    private static AdmittedImage image(String requested) {
        ImageReference reference = ImageReference.parse(requested);
        return new AdmittedImage(requested, reference, CONFIG.ruleFor(reference).orElseThrow());
    }
}
