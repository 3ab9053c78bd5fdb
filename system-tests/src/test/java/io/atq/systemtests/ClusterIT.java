package io.atq.systemtests;

import io.atq.contracts.names.Topology;
import io.atq.systemtests.support.BrokerNodes;
import io.atq.systemtests.support.ClusterTasks;
import io.atq.systemtests.support.NodeFailures;
import io.atq.systemtests.support.StackDeployment;
import io.atq.systemtests.support.SubmissionBurst;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.atq.systemtests.support.StackDeployment.dockerOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ATQ's stack on a real multi-node swarm of this machine, made and removed with the commands a developer uses:
 * {@code compose/dev cluster up --managers 3 --workers 2 --brokers 3} (five dockerd, each in its own namespaces, a director on each
 * manager, the images pulled by digest from the cluster's registry, one shared folder mounted on every node) and
 * {@code compose/dev cluster down}. A task spreads its workers over the nodes and succeeds, cold and warm; a cancel stops
 * a master on a node without a director through Swarm; a worker's node killed or cut off, or the master's node killed,
 * mid-run ends the task FAILED/INFRA naming the node within 15 s of the managers showing it down; a director's node
 * killed mid-run leaves its task to a director on another manager, which finishes it. The broker is a 3-node RabbitMQ
 * cluster ({@code --brokers 3}, one node on each manager): the request queue leader's broker node hard-killed during a
 * burst of submissions costs no accepted task. After each, nothing of the task is left on any node once the lost node is
 * back; {@code down} leaves nothing of the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    /** The promise: a task with a replica on a lost node ends within this of the managers showing the node down. */
    private static final Duration LOSS_VERDICT = Duration.ofSeconds(15);
    private StackDeployment cluster;
    private ClusterTasks tasks;
    private NodeFailures failures;
    private StackDeployment.Run up;
    private boolean made;

    @BeforeAll
    void up() throws Exception {
        // There is one cluster per machine: never take over (and then remove) a developer's.
        assertThat(StackDeployment.CLUSTER_RUN).as("a cluster is up on this machine: compose/dev cluster down first").doesNotExist();
        cluster = StackDeployment.onCluster(4);
        tasks = new ClusterTasks(cluster);
        failures = new NodeFailures(cluster);
        made = true;
        Instant start = Instant.now();
        up = cluster.dev("up", Duration.ofMinutes(10), "--managers", "" + ClusterTasks.MANAGERS, "--workers", "" + ClusterTasks.WORKERS,
                "--brokers", "3");
        System.out.println("[cluster] compose/dev cluster up: " + Duration.between(start, Instant.now()).toMillis() + " ms: "
                + String.join("; ", up.output().lines().filter(l -> l.matches(".*(Ready in|images in|stack healthy|running broker nodes).*")).map(String::strip).toList()));
    }

    @Test
    @Order(1)
    void spreadsATasksWorkersOverNodesColdAndWarmAndLeavesNothingOfItOnAnyNode() throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(StackDeployment.clusterNodes()).containsExactly(1, 2, 3, 4, 5);
        assertThat(cluster.gatewayUrls()).as(up.output()).hasSize(2).allSatisfy(url -> assertThat(url).matches("http://10\\.99\\.0\\.1[1-5]:\\d+"));
        // Cold: only node1 holds the demo images (up loads them there to push them); the others pull them by digest.
        for (String run : List.of("cold", "warm")) {
            Instant start = Instant.now();
            String id = tasks.submit("cluster-" + run, 3, 4);
            JsonNode running = tasks.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(3));
            long toRunning = Duration.between(start, Instant.now()).toMillis();
            Set<String> workerNodes = new TreeSet<>(dockerOn(1, "service", "ps", "--filter", "desired-state=running", "--format", "{{.Node}}",
                    "atq-" + id + "-workers").lines().filter(l -> !l.isBlank()).toList());
            JsonNode view = tasks.awaitTerminalVia(tasks.gatewayAwayFrom(0), id, Duration.ofMinutes(3));
            System.out.printf("[cluster] %s task %s: POST to RUNNING %d ms, to %s %d ms; nodes %s%n", run, id, toRunning,
                    view.get("phase").asString(), Duration.between(start, Instant.now()).toMillis(), running.get("nodes"));

            assertThat(view.get("phase").asString()).as(tasks.explain(tasks.gatewayAwayFrom(0), view)).isEqualTo("SUCCEEDED");
            assertThat(workerNodes).as("the workers' nodes").hasSizeGreaterThanOrEqualTo(2).allMatch(n -> n.matches("node[1-5]"));
            assertThat(view.get("images").get("worker").asString()).startsWith("10.99.0.1:5000/atq/demo-worker@sha256:");
            Set<String> viewWorkers = new TreeSet<>();
            view.get("nodes").properties().forEach(e -> {
                if (e.getKey().startsWith("worker-")) {
                    viewWorkers.add(e.getValue().asString());
                }
            });
            assertThat(viewWorkers).as("the view's worker nodes: %s", view.get("nodes")).isEqualTo(workerNodes);
            // The directors remove the task's services and network; Swarm then removes the containers on every node.
            assertThat(NodeFailures.awaitNothingLeftOf(id, Duration.ofSeconds(60))).as("task %s on the nodes", id).isBlank();
        }
    }

    @Test
    @Order(2)
    void aCancelStopsAMasterOnANodeWithoutADirectorThroughSwarmAndKeepsItsExitCodeAndLog() throws Exception {
        JsonNode running = tasks.runOnWorkerNodes("cluster-cancel", 2, 300);
        String id = running.get("id").asString();
        String gateway = tasks.gatewayAwayFrom(0);
        Thread.sleep(2000); // into the load
        // No director's engine has a container of this master: only Swarm can stop it.
        assertThat(running.get("nodes").get("master").asString()).as("the master's node").isIn("node4", "node5");
        Instant cancelledAt = Instant.now();

        tasks.cancel(gateway, id);
        JsonNode end = tasks.awaitTerminalVia(gateway, id, Duration.ofMinutes(2));

        assertThat(end.get("phase").asString()).as(end.toString()).isEqualTo("CANCELLED");
        assertThat(end.get("exitCode").asInt()).as("the master's own exit on SIGTERM").isEqualTo(143);
        assertThat(tasks.masterLog(gateway, id)).contains("demo-master: running the load", "demo-master: terminated");
        System.out.println("[cluster] cancel of a master on " + running.get("nodes").get("master").asString() + " (no director there): CANCELLED exit 143 after "
                + Duration.between(cancelledAt, Instant.parse(end.get("updatedAt").asString())).toMillis() + " ms");
    }

    @Test
    @Order(3)
    void aNodeWithoutTheSharedFolderLabelNeverRunsAMasterAndHealthNamesIt() throws Exception {
        int manager = NodeFailures.liveManager();
        // The operator's word that node5 does not mount the shared folder (up labelled every node atq.shared=true).
        dockerOn(manager, "node", "update", "--label-rm", "atq.shared", "node5");
        try {
            // Managers paused: node4 and node5 are left, and the master binds its results folder, so only node4 may run it.
            JsonNode running = tasks.runOnWorkerNodes("cluster-share", 2, 3);
            String id = running.get("id").asString();
            String constraints = dockerOn(manager, "service", "inspect", "--format", "{{json .Spec.TaskTemplate.Placement.Constraints}}",
                    "atq-" + id + "-master");
            JsonNode end = tasks.awaitTerminalVia(tasks.gatewayAwayFrom(0), id, Duration.ofMinutes(2));
            String health = directorHealth(manager, "sharedFolderNodes");
            System.out.println("[cluster] node5 unlabelled: master on " + running.get("nodes").get("master").asString() + ", constraints "
                    + constraints.strip() + ", " + end.get("phase").asString() + "; director health: " + health);

            assertThat(running.get("nodes").get("master").asString()).isEqualTo("node4");
            assertThat(constraints).contains("node.labels.atq.shared==true");
            assertThat(end.get("phase").asString()).as(end.toString()).isEqualTo("SUCCEEDED");
            assertThat(health).contains("\"nodesWithout\":[\"node5 (ready)\"]").contains("\"tasksCanRun\":true");
        } finally {
            dockerOn(manager, "node", "update", "--label-add", "atq.shared=true", "node5");
        }
    }

    @Test
    @Order(4)
    void aKilledWorkerNodeFailsTheTaskNamingNodeAndSlotAndLeavesNothingOnItOnceBack() throws Exception {
        loseAWorkerNode("kill");
    }

    @Test
    @Order(5)
    void aKilledMasterNodeFailsTheTaskNamingTheNodeAndLeavesNothingOnItOnceBack() throws Exception {
        JsonNode running = tasks.runOnWorkerNodes("cluster-master-loss", 2, 300);
        int victim = ClusterTasks.nodes(running).get("master");
        JsonNode end = afterLosing(victim, "kill", running.get("id").asString());
        // Its workers run on the same two nodes: the master's loss or a worker's on that node, whichever Swarm showed first.
        assertThat(end.get("failure").get("message").asString())
                .matches("(master task|worker task \\d) on node" + victim + " was lost: its node is down \\(Swarm shut the task down; it last showed running\\)");
    }

    @Test
    @Order(6)
    void aPartitionedWorkerNodeFailsTheTaskTheSameWayAndLeavesNothingAfterTheHeal() throws Exception {
        loseAWorkerNode("partition");
    }

    @Test
    @Order(7)
    void aKilledDirectorsNodeLeavesItsTaskToADirectorOnAnotherManagerWhichFinishesIt() throws Exception {
        String broker = dockerOn(NodeFailures.liveManager(), "service", "ps", "--filter", "desired-state=running", "--format", "{{.Node}}",
                cluster.name() + "_broker").strip();
        String leader = dockerOn(NodeFailures.liveManager(), "node", "ls", "--filter", "role=manager", "--format", "{{.Hostname}} {{.ManagerStatus}}")
                .lines().filter(l -> l.endsWith(" Leader")).map(l -> l.split(" ")[0]).findFirst().orElse("");
        // The victim: a manager with neither rabbit@broker nor the Raft leader (it takes broker-2 or broker-3 with it;
        // the loss of a queue leader's broker node is case 8). Three tasks at once, which the three directors share
        // out; the one on that manager's director runs on, the others are cancelled.
        JsonNode running = null;
        for (int round = 1; round <= 4 && running == null; round++) {
            for (JsonNode candidate : tasks.runOnWorkerNodes("cluster-director-loss", 1, 30, 3)) {
                String node = "node" + ClusterTasks.directorNode(candidate);
                if (running == null && !node.equals(broker) && !node.equals(leader)) {
                    running = candidate;
                } else {
                    tasks.cancel(tasks.gatewayAwayFrom(0), candidate.get("id").asString());
                }
            }
        }
        assertThat(running).as("a task whose director is on neither the broker's node %s nor the leader's %s", broker, leader).isNotNull();
        String id = running.get("id").asString();
        int victim = ClusterTasks.directorNode(running);
        String gateway = tasks.gatewayAwayFrom(victim);
        Thread.sleep(2000); // into the load
        Instant killedAt = failures.kill(victim);
        Duration apiGap;
        JsonNode end;
        try {
            // Killing the Raft leader costs the swarm's API until the others elect a new one.
            apiGap = NodeFailures.apiGap(NodeFailures.liveManager(victim), Duration.ofSeconds(30));
            end = tasks.awaitTerminalVia(gateway, id, Duration.ofMinutes(3));
        } finally {
            failures.start(victim);
        }
        String takeover = dockerOn(NodeFailures.liveManager(), "service", "logs", "--raw", cluster.name() + "_director").lines()
                .filter(l -> l.contains("task " + id + ": taking over")).findFirst().orElse("(no takeover logged)");
        System.out.printf("[cluster] kill of node%d (director %s; broker on %s, Raft leader %s) at %s: swarm API unavailable %d ms on another manager;"
                        + " %s %d ms after the kill by %s; the heir: %s%n",
                victim, running.get("director").asString(), broker, leader, killedAt, apiGap.toMillis(), end.get("phase").asString(),
                Duration.between(killedAt, Instant.parse(end.get("updatedAt").asString())).toMillis(), end.get("director").asString(),
                takeover.length() > 200 ? takeover.substring(0, 200) : takeover);
        assertThat(end.get("phase").asString()).as(end.toString()).isEqualTo("SUCCEEDED");
        assertThat(ClusterTasks.directorNode(end)).as("the heir's node").isNotEqualTo(victim);
        assertThat(NodeFailures.awaitNothingLeftOf(id, Duration.ofSeconds(60))).as("task %s on the nodes after node%d is back", id, victim).isBlank();
    }

    @Test
    @Order(8)
    void killingTheRequestQueueLeadersBrokerNodeMidBurstLosesNoAcceptedTask() throws Exception {
        BrokerNodes brokers = new BrokerNodes(cluster);
        // The director's-node kill before this one also took a broker node down: the cluster is whole again first.
        brokers.awaitAllRunning(Duration.ofMinutes(2));
        assertThat(brokers.membersOf(Topology.REQUEST_QUEUE)).as("the request queue's members").containsExactly(1, 2, 3);
        assertThat(brokers.membersOf(Topology.LOG_STREAM)).as("the task log's members").containsExactly(1, 2, 3);
        int leader = brokers.leaderOf(Topology.REQUEST_QUEUE);
        List<String> gateways = cluster.awaitClusterGateways(2, Duration.ofMinutes(2));
        Instant killedAt;
        List<SubmissionBurst.Answer> answers;
        // 16 submissions, below the dev client's maxActiveTasks (20): with 24, a run whose broker recovered fast had 20
        // unfinished and answered the rest 429 (limit-exceeded), which says nothing about the broker's loss.
        try (SubmissionBurst burst = new SubmissionBurst(cluster, gateways, 4, 4, Duration.ofMillis(600))) {
            Thread.sleep(1500);
            killedAt = brokers.kill(leader);
            answers = burst.answers();
        }
        Instant backAt = brokers.awaitAllRunning(Duration.ofMinutes(2));
        // Reported only: what decides is whether every accepted task succeeds (a queue without a leader would not deliver them).
        String newLeader = brokers.leaderReport(Topology.REQUEST_QUEUE, Duration.ofSeconds(30));
        List<String> accepted = answers.stream().filter(SubmissionBurst.Answer::accepted).map(SubmissionBurst.Answer::taskId).toList();
        List<SubmissionBurst.Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        System.out.printf("[cluster] broker node %d (the request queue's leader) killed at %s mid-burst: %d submissions, %d x 202, %d x 503"
                        + " (slowest %d ms), other: %s; the queue's leader now %s; all 3 broker nodes running again after %d ms%n",
                leader, killedAt, answers.size(), accepted.size(), refused.size(), refused.stream().mapToLong(SubmissionBurst.Answer::millis).max().orElse(0),
                answers.stream().filter(a -> !a.accepted() && a.status() != 503).toList(), newLeader, Duration.between(killedAt, backAt).toMillis());

        assertThat(answers).as("every answer is 202 or 503 with Retry-After").allSatisfy(a -> {
            assertThat(a.status()).as("%s", a).isIn(202, 503);
            if (a.status() == 503) {
                assertThat(a.retryAfter()).as("%s", a).isNotBlank();
            }
        });
        assertThat(accepted).as("accepted during the burst").isNotEmpty();
        String gateway = tasks.gatewayAwayFrom(0);
        for (String id : accepted) {
            JsonNode end = tasks.awaitTerminalVia(gateway, id, Duration.ofMinutes(3));
            assertThat(end.get("phase").asString()).as("accepted task %s: %s", id, tasks.explain(gateway, end)).isEqualTo("SUCCEEDED");
        }
        for (String id : accepted) {
            assertThat(NodeFailures.awaitNothingLeftOf(id, Duration.ofSeconds(60))).as("task %s on the nodes", id).isBlank();
        }
    }

    /** Every app container's log on every node that answers, into target/cluster-logs (what a failure needs). */
    private void keepAppLogs() {
        Path dir = Path.of("target", "cluster-logs");
        try {
            Files.createDirectories(dir);
            for (int node : StackDeployment.clusterNodes()) {
                for (String line : dockerOn(node, "ps", "-a", "--filter", "label=com.docker.stack.namespace=" + cluster.name(),
                        "--format", "{{.ID}} {{.Label \"com.docker.swarm.service.name\"}}").lines().filter(l -> !l.isBlank()).toList()) {
                    String[] parts = line.split(" ");
                    Files.writeString(dir.resolve("node" + node + "-" + parts[1] + "-" + parts[0] + ".log"), dockerOn(node, "logs", "-t", parts[0]));
                }
            }
        } catch (Exception e) {
            System.out.println("[cluster] could not keep the apps' logs: " + e);
        }
    }

    /** One health component of the director on node {@code node}, read inside its container (the port is not published). */
    private String directorHealth(int node, String component) throws Exception {
        String container = dockerOn(node, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + cluster.name() + "_director").strip();
        return dockerOn(node, "exec", container.lines().findFirst().orElseThrow(), "bash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/$MANAGEMENT_SERVER_PORT && printf 'GET /actuator/health/" + component
                        + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n' >&3 && cat <&3");
    }

    /** A 3-worker task on the two worker nodes, then the loss of the one without the master. */
    private void loseAWorkerNode(String how) throws Exception {
        JsonNode running = tasks.runOnWorkerNodes("cluster-worker-loss", 3, 300);
        Map<String, Integer> nodes = ClusterTasks.nodes(running);
        int victim = nodes.get("master") == 4 ? 5 : 4;
        // The director looks at the workers in slot order: the first of the victim's is named.
        int slot = nodes.entrySet().stream().filter(e -> e.getKey().startsWith("worker-") && e.getValue() == victim)
                .mapToInt(e -> Integer.parseInt(e.getKey().substring("worker-".length()))).min()
                .orElseThrow(() -> new AssertionError("no worker on node" + victim + ": " + nodes));

        JsonNode end = afterLosing(victim, how, running.get("id").asString());
        assertThat(end.get("failure").get("message").asString()).as("workers and master: %s", nodes).isEqualTo("worker task " + slot
                + " on node" + victim + " was lost: its node is down (Swarm shut the task down; it last showed running)");
    }

    /**
     * Kills or partitions node {@code victim} while task {@code id} runs; checks its verdict (FAILED, INFRA, within
     * {@link #LOSS_VERDICT} of the managers showing the node down); brings the node back and checks that nothing of the
     * task is left on any node. Returns the task's final view.
     */
    private JsonNode afterLosing(int victim, String how, String id) throws Exception {
        String gateway = tasks.gatewayAwayFrom(victim);
        Thread.sleep(2000); // into the load
        Instant lostAt = how.equals("kill") ? failures.kill(victim) : failures.partition(victim);
        JsonNode end;
        Instant downAt;
        try {
            downAt = failures.awaitDown(victim, Duration.ofSeconds(30));
            end = tasks.awaitTerminalVia(gateway, id, Duration.ofSeconds(60));
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
        // Its gateway, if it had one, is replaced on another node (the next scenario waits for it when it needs it).
        cluster.refreshClusterGateways();
        return end;
    }

    @AfterAll
    void down() throws Exception {
        if (!made) {
            return;
        }
        try {
            keepAppLogs();
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
