package io.atq.director.swarm;

import io.atq.contracts.names.Labels;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.orchestration.ProbeOutput;
import io.atq.contracts.discovery.ProbeScript;
import io.atq.testfixtures.SwarmLeaks;
import com.github.dockerjava.api.DockerClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The docker-java adapter against this machine's real single-node swarm. */
class DockerSwarmClientIT {
    private static final String INSTANCE = "atq-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static DockerClient docker;
    private static DockerSwarmClient swarm;
    private final TaskId taskId = TaskId.random();

    @BeforeAll
    static void connect() {
        docker = DockerClients.create("unix:///var/run/docker.sock");
        swarm = new DockerSwarmClient(docker, Retry.ofDefaults("docker"), CircuitBreaker.ofDefaults("docker"));
    }

    /** Tears down through the adapter itself (services, then the network once containers are gone) and checks that worked. */
    @AfterEach
    void removingThroughTheAdapterLeavesNothingLabelledWithThisInstance() {
        swarm.listServices(INSTANCE, null).forEach(s -> swarm.removeService(s.id()));
        await().atMost(Duration.ofSeconds(30)).until(() -> swarm.listContainers(INSTANCE, null).isEmpty());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            swarm.listNetworks(INSTANCE, null).forEach(n -> swarm.removeNetwork(n.id()));
            return true;
        });
        SwarmLeaks.of(docker, INSTANCE).assertNothingLeft();
    }

    @AfterAll
    static void close() throws Exception {
        docker.close();
    }

    private Map<String, String> labels(Labels.Role role) {
        return Map.of(Labels.TASK, taskId.value(), Labels.ROLE, role.label(), Labels.INSTANCE, INSTANCE, Labels.MANAGED, "true");
    }

    private String network() {
        return swarm.createNetwork(new NetworkDefinition("atq-" + taskId + "-net", labels(Labels.Role.NETWORK)));
    }

    private String service(String suffix, String image, int replicas, List<String> command, Map<String, String> env, String network) {
        return swarm.createService(new ServiceDefinition("atq-" + taskId + "-" + suffix, swarm.resolveImageId(image), replicas,
                command, env, network, labels(switch (suffix) {
                    case "workers" -> Labels.Role.WORKER;
                    case "probe" -> Labels.Role.PROBE;
                    default -> Labels.Role.MASTER;
                }), List.of(),
                Duration.ofSeconds(2)));
    }

    @Test
    void stoppingAServiceThroughSwarmKeepsItsTaskWithTheExitCodeAndRunsNoReplacement() {
        String id = service("master", "atq/demo-master:1", 1,
                List.of("sh", "-c", "trap 'echo got TERM; exit 143' TERM; echo started; while true; do sleep 1 & wait $!; done"),
                Map.of(), network());
        await().atMost(Duration.ofSeconds(30)).until(() -> swarm.serviceTasks(id).stream().anyMatch(r -> r.state() == ReplicaState.RUNNING));
        String node = swarm.serviceTasks(id).getFirst().nodeId();
        assertThat(swarm.nodeNames()).containsKey(node);

        assertThat(swarm.stopService(id)).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> swarm.serviceTasks(id).stream().anyMatch(r -> r.exited()));
        List<ReplicaStatus> replicas = swarm.serviceTasks(id);
        assertThat(replicas).filteredOn(r -> r.nodeId() != null).singleElement()
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(143));
        assertThat(replicas).filteredOn(r -> r.nodeId() == null).allSatisfy(r -> assertThat(r.state()).isNotEqualTo(ReplicaState.RUNNING));
        assertThat(swarm.serviceLogs(id)).contains("got TERM");
        assertThat(swarm.stopService("no-such-service")).isFalse();
    }

    @Test
    void aReplicaBeingStoppedThroughSwarmIsNeverSeenAsGivenUp() {
        // Ignores SIGTERM: Swarm's SIGKILL comes after the 2 s grace, and until then its desired state is shutdown.
        String id = service("master", "atq/demo-master:1", 1,
                List.of("sh", "-c", "trap 'echo got TERM' TERM; echo started; while true; do sleep 1 & wait $!; done"), Map.of(), network());
        await().atMost(Duration.ofSeconds(30)).until(() -> swarm.serviceTasks(id).stream().anyMatch(r -> r.state() == ReplicaState.RUNNING));

        assertThat(swarm.stopService(id)).isTrue();
        List<List<ReplicaStatus>> looks = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<ReplicaStatus> now = swarm.serviceTasks(id);
            looks.add(now);
            return now.stream().anyMatch(ReplicaStatus::exited);
        });

        assertThat(looks).as("looks while it stopped").hasSizeGreaterThan(3)
                .anySatisfy(look -> assertThat(look).anyMatch(r -> r.state() == ReplicaState.RUNNING))
                .allSatisfy(look -> assertThat(look).noneMatch(ReplicaStatus::givenUp));
        assertThat(swarm.serviceTasks(id)).filteredOn(ReplicaStatus::exited).singleElement()
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(137));
    }

    @Test
    void resolvesALocalImageToItsIdAndReportsAMissingOneAsNotFound() {
        String id = swarm.resolveImageId("atq/probe:1");
        assertThat(id).startsWith("sha256:");
        assertThatThrownBy(() -> swarm.resolveImageId("atq/no-such-image:9"))
                .isInstanceOfSatisfying(SwarmException.class, e -> assertThat(e.getKind()).isEqualTo(SwarmException.Kind.NOT_FOUND));
    }

    @Test
    void createsALabelledNetworkAndAdoptsItWhenTheSameTaskCreatesItAgain() {
        String id = network();

        assertThat(network()).isEqualTo(id);
        assertThat(swarm.listNetworks(INSTANCE, taskId)).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("atq-" + taskId + "-net");
            assertThat(n.labels()).containsEntry(Labels.ROLE, "network");
        });
    }

    @Test
    void runsDnsrrWorkersWhoseSwarmAddressesTheProbeReachesAndThenRemovesThem() {
        String net = network();
        String workers = service("workers", "atq/demo-worker:1", 3, List.of(), Map.of("MODE", "ok"), net);
        assertThat(service("workers", "atq/demo-worker:1", 3, List.of(), Map.of("MODE", "ok"), net)).as("adopted").isEqualTo(workers);

        // Swarm allocates the addresses with the tasks, before their containers run.
        await().atMost(Duration.ofSeconds(30)).until(() -> swarm.taskAddresses(workers, net).size() == 3);
        Map<Integer, String> addresses = swarm.taskAddresses(workers, net);
        assertThat(addresses.keySet()).containsExactly(1, 2, 3);
        assertThat(addresses.values()).doesNotHaveDuplicates().allMatch(ip -> ip.matches("10\\.[0-9.]+"));
        assertThat(swarm.taskAddresses(workers, "no-such-network")).isEmpty();

        String probe = service("probe", "atq/probe:1", 1, ProbeScript.command(),
                Map.of(ProbeScript.ADDRESSES, String.join(",", addresses.values()), ProbeScript.PORT, "8080"), net);
        await().atMost(Duration.ofSeconds(30)).until(() -> swarm.serviceTasks(probe).stream().anyMatch(r -> r.state().ended()));
        assertThat(swarm.serviceTasks(probe)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(ReplicaState.COMPLETE);
            assertThat(r.exitCode()).isZero();
        });
        assertThat(swarm.serviceTasks(workers)).hasSize(3).allMatch(r -> r.state() == ReplicaState.RUNNING);
        assertThat(swarm.listContainers(INSTANCE, taskId)).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(c -> assertThat(c.labels()).containsEntry(Labels.TASK, taskId.value()));
        String output = swarm.serviceLogs(probe);
        assertThat(ProbeOutput.addresses(output)).as(output).hasValue(List.copyOf(addresses.values()));

        assertThat(swarm.removeService(probe)).isTrue();
        assertThat(swarm.removeService(probe)).isFalse();
        assertThatThrownBy(() -> swarm.removeNetwork(net)).as("the worker service still uses it")
                .isInstanceOfSatisfying(SwarmException.class, e -> assertThat(e.getKind()).isEqualTo(SwarmException.Kind.CONFLICT));
    }

    @Test
    void reportsTheAddressesOfAnUnknownServiceAsNotFound() {
        assertThatThrownBy(() -> swarm.taskAddresses("no-such-service-" + taskId, "no-such-network"))
                .isInstanceOfSatisfying(SwarmException.class, e -> assertThat(e.getKind()).isEqualTo(SwarmException.Kind.NOT_FOUND));
    }

    @Test
    void reportsAFailedTasksExitCodeDockersErrorAndItsLog() {
        String net = network();
        String master = service("master", "atq/demo-master:1", 1, List.of(), Map.of("MODE", "fail", "REMOTES", ""), net);

        await().atMost(Duration.ofSeconds(30)).until(() -> swarm.serviceTasks(master).stream().anyMatch(r -> r.state().ended()));
        assertThat(swarm.serviceTasks(master)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(ReplicaState.FAILED);
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.error()).isEqualTo("task: non-zero exit (3)");
        });
        assertThat(swarm.serviceLogs(master)).contains("summary reached=0 total=0");
    }

    @Test
    void seesTheEngineAsASwarmManager() {
        NodeInfo node = swarm.node();

        assertThat(node.manager()).isTrue();
        assertThat(node.swarmState()).isEqualTo("active");
    }
}
