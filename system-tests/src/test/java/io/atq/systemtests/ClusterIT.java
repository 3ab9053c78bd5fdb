package io.atq.systemtests;

import io.atq.systemtests.support.StackDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.atq.systemtests.support.StackDeployment.dockerOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ATQ's stack on a real multi-node swarm of this machine, made and removed with the commands a developer uses:
 * {@code compose/dev cluster up --managers 1 --workers 2} (three dockerd, each in its own namespaces, the images pulled
 * by digest from the cluster's registry, one shared folder mounted on every node) and {@code compose/dev cluster down}.
 * A 3-worker demo task goes in through a gateway's host-mode port on its node and ends {@code SUCCEEDED} with its
 * workers on at least two nodes; then no container, service or network of it is left on any node, and {@code down}
 * leaves no namespace, link, cgroup, process or file of the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
    private StackDeployment cluster;
    private StackDeployment.Run up;
    private boolean made;

    @BeforeAll
    void up() throws Exception {
        // There is one cluster per machine: never take over (and then remove) a developer's.
        assertThat(StackDeployment.CLUSTER_RUN).as("a cluster is up on this machine: compose/dev cluster down first").doesNotExist();
        cluster = StackDeployment.onCluster(4);
        made = true;
        Instant start = Instant.now();
        up = cluster.dev("up", Duration.ofMinutes(10), "--managers", "1", "--workers", "2");
        System.out.println("[cluster] compose/dev cluster up: " + Duration.between(start, Instant.now()).toMillis() + " ms");
    }

    @Test
    void spreadsATasksWorkersOverNodesAndLeavesNothingOfItOnAnyNode() throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(StackDeployment.clusterNodes()).containsExactly(1, 2, 3);
        List<String> gateways = cluster.gatewayUrls();
        assertThat(gateways).as(up.output()).hasSize(2).allSatisfy(url -> assertThat(url).matches("http://10\\.99\\.0\\.1[1-3]:\\d+"));

        Instant start = Instant.now();
        String id = cluster.submit(gateways.getFirst(), """
                {"name":"cluster-demo","workers":{"image":"10.99.0.1:5000/atq/demo-worker:1","replicas":3,"args":{"MODE":"node"},"port":8080},
                 "master":{"image":"10.99.0.1:5000/atq/demo-master:1","args":{"MODE":"master","DURATION":"4"}},"timeout":"PT5M"}""");
        RollingUpgrade.awaitPhase(cluster, id, Set.of("RUNNING"), Duration.ofMinutes(3));
        Map<String, Set<String>> nodes = new LinkedHashMap<>();
        for (String part : List.of("workers", "master")) {
            nodes.put(part, new TreeSet<>(dockerOn(1, "service", "ps", "--filter", "desired-state=running", "--format", "{{.Node}}",
                    "atq-" + id + "-" + part).lines().filter(l -> !l.isBlank()).toList()));
        }
        System.out.println("[cluster] task " + id + " nodes: " + nodes);
        assertThat(nodes.get("workers")).as("the workers' nodes").hasSizeGreaterThanOrEqualTo(2).allMatch(n -> n.matches("node[1-3]"));
        assertThat(nodes.get("master")).as("the master's node").hasSize(1);

        JsonNode view = RollingUpgrade.awaitTerminal(cluster, id, Duration.ofMinutes(3));
        System.out.println("[cluster] POST to " + view.get("phase").asString() + ": " + Duration.between(start, Instant.now()).toMillis() + " ms");
        assertThat(view.get("phase").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
        assertThat(view.get("images").get("worker").asString()).startsWith("10.99.0.1:5000/atq/demo-worker@sha256:");
        Set<String> viewWorkers = new TreeSet<>();
        view.get("nodes").properties().forEach(e -> {
            if (e.getKey().startsWith("worker-")) {
                viewWorkers.add(e.getValue().asString());
            }
        });
        assertThat(viewWorkers).as("the view's worker nodes: %s", view.get("nodes")).isEqualTo(nodes.get("workers"));
        assertThat(view.get("nodes").get("master").asString()).isIn(nodes.get("master"));

        // The directors remove the task's services and network; Swarm then removes the containers on every node.
        String left = "?";
        for (Instant deadline = Instant.now().plusSeconds(60); Instant.now().isBefore(deadline) && !left.isBlank(); Thread.sleep(500)) {
            StringBuilder found = new StringBuilder(dockerOn(1, "service", "ls", "-q", "--filter", "label=atq.task=" + id))
                    .append(dockerOn(1, "network", "ls", "-q", "--filter", "label=atq.task=" + id));
            for (int node : StackDeployment.clusterNodes()) {
                found.append(dockerOn(node, "ps", "-aq", "--filter", "label=atq.task=" + id));
            }
            left = found.toString().strip();
        }
        assertThat(left).as("containers, services and networks of task %s on the nodes", id).isBlank();
    }

    @Test
    void aCancelStopsAMasterOnAnotherNodeThanTheDirectorsThroughSwarmAndKeepsItsExitCodeAndLog() throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        String gateway = cluster.gatewayUrls().getFirst();
        // node1 runs the only director; paused, it takes no new container, so this task's all run on other nodes.
        dockerOn(1, "node", "update", "--availability", "pause", "node1");
        try {
            cancelARemoteMaster(gateway);
        } finally {
            dockerOn(1, "node", "update", "--availability", "active", "node1");
        }
    }

    private void cancelARemoteMaster(String gateway) throws Exception {
        String id = cluster.submit(gateway, """
                {"name":"cluster-cancel","workers":{"image":"10.99.0.1:5000/atq/demo-worker:1","replicas":2,"args":{"MODE":"node"},"port":8080},
                 "master":{"image":"10.99.0.1:5000/atq/demo-master:1","args":{"MODE":"master","DURATION":"300"}},"timeout":"PT10M"}""");
        JsonNode running = RollingUpgrade.awaitPhase(cluster, id, Set.of("RUNNING"), Duration.ofMinutes(3));
        Thread.sleep(2000); // into the load
        String masterNode = running.get("nodes").get("master").asString();
        // The director's engine has no container of this master: only Swarm can stop it.
        assertThat(masterNode).as("the master's node").isIn("node2", "node3");
        Instant cancelledAt = Instant.now();

        StackDeployment.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway + "/v1/tasks/" + id))
                .header("Authorization", "Bearer " + cluster.token()).DELETE().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        JsonNode end = RollingUpgrade.awaitTerminal(cluster, id, Duration.ofMinutes(2));

        assertThat(end.get("phase").asString()).as(end.toString()).isEqualTo("CANCELLED");
        assertThat(end.get("exitCode").asInt()).as("the master's own exit on SIGTERM").isEqualTo(143);
        String log = StackDeployment.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway + "/v1/tasks/" + id + "/logs"))
                .header("Authorization", "Bearer " + cluster.token()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(log).contains("demo-master: running the load", "demo-master: terminated");
        System.out.println("[cluster] cancel of a master on " + masterNode + " (not the director's node): CANCELLED exit 143 after "
                + Duration.between(cancelledAt, Instant.parse(end.get("updatedAt").asString())).toMillis() + " ms");
    }

    @AfterAll
    void down() throws Exception {
        if (!made) {
            return;
        }
        try {
            Instant start = Instant.now();
            StackDeployment.Run down = cluster.dev("down", Duration.ofMinutes(2));
            System.out.println("[cluster] compose/dev cluster down: " + Duration.between(start, Instant.now()).toMillis() + " ms");
            assertThat(down.exit()).as(down.output()).isZero();
            assertThat(down.output()).contains("nothing of the cluster is left");
            assertThat(StackDeployment.CLUSTER_RUN).doesNotExist();
            assertThat(StackDeployment.run(List.of("ip", "netns", "list"), Duration.ofSeconds(10), Map.of()).output())
                    .doesNotContainPattern("(?m)^atq-(sw|n\\d+)\\b");
            assertThat(StackDeployment.run(List.of("ip", "link", "show", "atq-host"), Duration.ofSeconds(10), Map.of()).exit())
                    .as("the host's link to the cluster").isNotZero();
        } finally {
            cluster.removeFolders();
        }
    }
}
