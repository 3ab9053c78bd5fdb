package io.atq.systemtests;

import io.atq.systemtests.support.NodeFailures;
import io.atq.systemtests.support.StackDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
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
 * workers on at least two nodes; then no container, service or network of it is left on any node. A cancel stops a
 * master on another node than the director's through Swarm. A worker's node killed or cut off, or the master's node
 * killed, mid-run ends the task FAILED/INFRA naming the node (and the worker's slot) within 15 s of the managers showing
 * the node down; once the node is back nothing of the task is left on it. {@code down} leaves no namespace, link,
 * cgroup, process or file of the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    /** The promise: a task with a replica on a lost node ends within this of the managers showing the node down. */
    private static final Duration LOSS_VERDICT = Duration.ofSeconds(15);
    private static final String LONG_TASK = """
            {"name":"cluster-loss","workers":{"image":"10.99.0.1:5000/atq/demo-worker:1","replicas":%d,"args":{"MODE":"node"},"port":8080},
             "master":{"image":"10.99.0.1:5000/atq/demo-master:1","args":{"MODE":"master","DURATION":"300"}},"timeout":"PT10M"}""";
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
    @Order(1)
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
        String left = NodeFailures.awaitNothingLeftOf(id, Duration.ofSeconds(60));
        assertThat(left).as("containers, services and networks of task %s on the nodes", id).isBlank();
    }

    @Test
    @Order(2)
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

    @Test
    @Order(3)
    void aKilledWorkerNodeFailsTheTaskNamingNodeAndSlotAndLeavesNothingOnItOnceBack() throws Exception {
        loseAWorkerNode("kill");
    }

    @Test
    @Order(5)
    void aPartitionedWorkerNodeFailsTheTaskTheSameWayAndLeavesNothingAfterTheHeal() throws Exception {
        loseAWorkerNode("partition");
    }

    @Test
    @Order(4)
    void aKilledMasterNodeFailsTheTaskNamingTheNodeAndLeavesNothingOnItOnceBack() throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        // node1 (the director's, the only manager) paused: the master and both workers run on node2 and node3.
        dockerOn(1, "node", "update", "--availability", "pause", "node1");
        String id;
        int victim;
        try {
            id = cluster.submit(gatewayAwayFrom(0), LONG_TASK.formatted(2));
            JsonNode running = RollingUpgrade.awaitPhase(cluster, id, Set.of("RUNNING"), Duration.ofMinutes(3));
            victim = NodeFailures.index(running.get("nodes").get("master").asString());
        } finally {
            dockerOn(1, "node", "update", "--availability", "active", "node1");
        }
        JsonNode end = afterLosing(victim, "kill", id);
        // Its workers run on the same two nodes: the master's loss or a worker's on that node, whichever Swarm showed first.
        assertThat(end.get("failure").get("message").asString())
                .matches("(master task|worker task \\d) on node" + victim + " was lost: its node is down \\(Swarm shut the task down; it last showed running\\)");
    }

    /** A 3-worker task (one worker a node), then the loss of a node with a worker and not the master. */
    private void loseAWorkerNode(String how) throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        String id = cluster.submit(gatewayAwayFrom(0), LONG_TASK.formatted(3));
        JsonNode running = RollingUpgrade.awaitPhase(cluster, id, Set.of("RUNNING"), Duration.ofMinutes(3));
        Map<String, Integer> nodes = new LinkedHashMap<>();
        running.get("nodes").properties().forEach(e -> nodes.put(e.getKey(), NodeFailures.index(e.getValue().asString())));
        int victim = nodes.entrySet().stream().filter(e -> e.getKey().startsWith("worker-") && e.getValue() != 1 && !e.getValue().equals(nodes.get("master")))
                .mapToInt(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no worker away from node1 and the master: " + nodes));
        String slot = nodes.entrySet().stream().filter(e -> e.getKey().startsWith("worker-") && e.getValue() == victim)
                .map(e -> e.getKey().substring("worker-".length())).findFirst().orElseThrow();

        JsonNode end = afterLosing(victim, how, id);
        assertThat(end.get("failure").get("message").asString()).isEqualTo("worker task " + slot + " on node" + victim
                + " was lost: its node is down (Swarm shut the task down; it last showed running)");
    }

    /**
     * Kills or partitions node {@code victim} while task {@code id} runs; checks its verdict (FAILED, INFRA, within
     * {@link #LOSS_VERDICT} of the managers showing the node down); brings the node back and checks that nothing of the
     * task is left on any node. Returns the task's final view.
     */
    private JsonNode afterLosing(int victim, String how, String id) throws Exception {
        String gateway = gatewayAwayFrom(victim);
        NodeFailures failures = new NodeFailures(cluster);
        Thread.sleep(2000); // into the load
        Instant lostAt = how.equals("kill") ? failures.kill(victim) : failures.partition(victim);
        JsonNode end;
        Instant downAt;
        try {
            downAt = failures.awaitDown(victim, Duration.ofSeconds(30));
            end = awaitTerminalVia(gateway, id, Duration.ofSeconds(60));
        } finally {
            if (how.equals("kill")) {
                failures.start(victim);
            } else {
                failures.heal(victim);
            }
        }
        Instant verdictAt = Instant.parse(end.get("updatedAt").asString());
        System.out.printf("[cluster] %s of node%d: down after %d ms, %s %d ms after down: %s%n", how, victim,
                Duration.between(lostAt, downAt).toMillis(), end.get("phase").asString(), Duration.between(downAt, verdictAt).toMillis(),
                end.get("failure"));
        assertThat(end.get("phase").asString()).as(end.toString()).isEqualTo("FAILED");
        assertThat(end.get("failure").get("cause").asString()).isEqualTo("INFRA");
        assertThat(Duration.between(downAt, verdictAt)).as("verdict after the node showed down").isLessThan(LOSS_VERDICT);
        Instant back = Instant.now();
        assertThat(NodeFailures.awaitNothingLeftOf(id, Duration.ofSeconds(60))).as("task %s on the nodes after node%d is back", id, victim).isBlank();
        System.out.printf("[cluster] nothing of the task on any node %d ms after node%d was back%n", Duration.between(back, Instant.now()).toMillis(), victim);
        // Its gateway, if it had one, runs on another node by now, or soon (Swarm spreads a service's tasks over nodes).
        cluster.awaitClusterGateways(2, Duration.ofMinutes(2));
        System.out.printf("[cluster] 2 gateways again %d ms after node%d was back: %s%n",
                Duration.between(back, Instant.now()).toMillis(), victim, cluster.gatewayUrls());
        return end;
    }

    /** A gateway on another node than {@code node} (0: any). */
    private String gatewayAwayFrom(int node) throws Exception {
        List<String> gateways = cluster.gatewayUrls();
        return gateways.stream().filter(url -> !url.startsWith("http://10.99.0." + (10 + node) + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no gateway away from node" + node + ": " + gateways));
    }

    private JsonNode awaitTerminalVia(String gateway, String id, Duration within) throws Exception {
        JsonNode view = null;
        for (Instant deadline = Instant.now().plus(within); Instant.now().isBefore(deadline); Thread.sleep(250)) {
            view = cluster.view(gateway, id);
            if (view != null && Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED").contains(view.get("phase").asString())) {
                return view;
            }
        }
        throw new AssertionError("task " + id + " not ended within " + within + " after its node's loss: " + view);
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
