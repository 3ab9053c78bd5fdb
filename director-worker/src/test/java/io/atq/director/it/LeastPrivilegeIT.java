package io.atq.director.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Service;
import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.CountingSwarmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inspects, through the Docker API, every service and container a real run creates. The limits come from
 * atq-it.yaml: defaults {memory 64m, cpus 0.25, pids 128}; the master image sets {memory 96m, pids 64}.
 */
class LeastPrivilegeIT extends DirectorITSupport {
    private static final long MIB = 1024L * 1024;

    @Autowired
    CountingSwarmClient counting;
    @Autowired
    DockerClient docker;

    @AfterEach
    void stopInspecting() {
        counting.onServiceCreated(id -> { });
    }

    @Test
    void everyServiceAndContainerOfARunIsLimitedUnprivilegedAndUnpublished() {
        List<Service> services = new CopyOnWriteArrayList<>();
        // The probe lives about a second: inspect each service the moment it is created.
        counting.onServiceCreated(id -> services.add(docker.inspectServiceCmd(id).exec()));
        TaskRequested request = demoTask(2, Map.of("MODE", "ok", "DURATION", "60"));
        publish(request);
        tap.awaitPhase(request.taskId(), Phase.RUNNING, RUN_LIMIT);
        List<InspectContainerResponse> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.TASK, request.taskId().value())).exec().stream()
                .map(Container::getId).map(id -> docker.inspectContainerCmd(id).exec()).toList();
        publish(new CancelTask(request.taskId(), Instant.now()));

        String results = SHARED_PATH.resolve("tasks").resolve(request.taskId().value()).resolve("results").toString();
        assertThat(services).extracting(s -> s.getSpec().getLabels().get(Labels.ROLE)).containsExactlyInAnyOrder("worker", "probe", "master");
        for (Service service : services) {
            var task = service.getSpec().getTaskTemplate();
            String role = service.getSpec().getLabels().get(Labels.ROLE);
            ContainerSpec container = task.getContainerSpec();
            assertThat(task.getResources().getLimits().getMemoryBytes()).as(role).isEqualTo(role.equals("master") ? 96 * MIB : 64 * MIB);
            assertThat(task.getResources().getLimits().getNanoCPUs()).as(role).isEqualTo(250_000_000L);
            assertThat(task.getResources().getReservations()).as(role).isNull();
            assertThat(task.getRestartPolicy().getCondition().name()).as(role).isEqualTo("NONE");
            assertThat(container.getPrivileges()).as(role).isNull();
            assertThat(service.getSpec().getEndpointSpec().getPorts()).as(role).isNullOrEmpty();
            assertThat(service.getEndpoint().getPorts()).as(role).isNullOrEmpty();
            if (role.equals("probe")) {
                assertThat(container.getMounts()).as(role).isNullOrEmpty();
            } else {
                // The master binds results/, each worker its slot's folder in it (Swarm expands the template per replica).
                assertThat(container.getMounts()).as(role).singleElement().satisfies(m -> {
                    assertThat(m.getSource()).isEqualTo(results + (role.equals("master") ? "" : "/workers/{{.Task.Slot}}"));
                    assertThat(m.getTarget()).isEqualTo("/atq/results");
                    assertThat(m.getReadOnly()).as(role).isNotEqualTo(Boolean.TRUE);
                });
            }
        }
        // Docker's own view of the containers (2 workers, the master, the exited probe's if not yet gone): what the kernel enforces.
        assertThat(containers).extracting(c -> c.getConfig().getLabels().get(Labels.ROLE))
                .contains("worker", "worker", "master").containsOnly("worker", "master", "probe");
        assertThat(containers).allSatisfy(c -> {
            String role = c.getConfig().getLabels().get(Labels.ROLE);
            assertThat(c.getHostConfig().getPidsLimit()).as(role).isEqualTo(role.equals("master") ? 64L : 128L);
            assertThat(c.getHostConfig().getMemory()).as(role).isEqualTo(role.equals("master") ? 96 * MIB : 64 * MIB);
            assertThat(c.getHostConfig().getNanoCPUs()).as(role).isEqualTo(250_000_000L);
            assertThat(c.getHostConfig().getPrivileged()).as(role).isFalse();
            assertThat(c.getHostConfig().getCapAdd()).as(role).isNullOrEmpty();
            assertThat(c.getHostConfig().getCapDrop()).as(role).extracting(Enum::name).contains("NET_RAW", "MKNOD");
            assertThat(c.getHostConfig().getPortBindings() == null || c.getHostConfig().getPortBindings().getBindings().isEmpty()).as(role).isTrue();
            String slot = c.getConfig().getLabels().getOrDefault("com.docker.swarm.task.name", "").replaceAll("^[^.]+\\.(\\d+)\\..*$", "$1");
            assertThat(c.getMounts()).as(role).allSatisfy(m -> assertThat(m.getSource())
                    .isEqualTo(results + (role.equals("master") ? "" : "/workers/" + slot)));
        });
        tap.awaitTerminal(request.taskId(), RUN_LIMIT);
    }
}
