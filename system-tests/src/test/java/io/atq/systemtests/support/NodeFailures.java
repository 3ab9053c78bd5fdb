package io.atq.systemtests.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.atq.systemtests.support.StackDeployment.dockerOn;

/**
 * Real failures of one node of {@code compose/dev cluster up}, made with the commands an operator uses
 * ({@code compose/dev cluster kill|start|partition|heal NODE}), and what the swarm's managers (any that answers) say of
 * them.
 */
public final class NodeFailures {
    private final StackDeployment cluster;

    public NodeFailures(StackDeployment cluster) {
        this.cluster = cluster;
    }

    /** SIGKILL to every process of node {@code node} (its dockerd, containerd, containers); the instant just before. */
    public Instant kill(int node) throws IOException, InterruptedException {
        return fail("kill", node);
    }

    /** Node {@code node}'s switch port down: it is cut off from every other node; the instant just before. */
    public Instant partition(int node) throws IOException, InterruptedException {
        return fail("partition", node);
    }

    /** Brings a killed node back with its data; returns once the managers show it ready. */
    public void start(int node) throws IOException, InterruptedException {
        recover("start", node);
    }

    /** Connects a partitioned node again; returns once the managers show it ready. */
    public void heal(int node) throws IOException, InterruptedException {
        recover("heal", node);
    }

    /** When the managers first show node {@code node} down (polled every 100 ms), at most {@code within} from now. */
    public Instant awaitDown(int node, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        String state = "?";
        while (Instant.now().isBefore(deadline)) {
            state = dockerOn(liveManager(node), "node", "inspect", "node" + node, "--format", "{{.Status.State}}").strip();
            if (state.equals("down")) {
                return Instant.now();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node" + node + " not down within " + within + ": " + state);
    }

    /**
     * A manager (node 1, 2, …) other than {@code except} whose engine answers swarm questions now; node 1 when none does
     * (the caller's command then fails with the engine's own message).
     */
    public static int liveManager(int... except) throws IOException, InterruptedException {
        for (int node = 1; node <= ClusterTasks.MANAGERS; node++) {
            int candidate = node;
            if (java.util.Arrays.stream(except).noneMatch(e -> e == candidate) && answers(candidate)) {
                return candidate;
            }
        }
        return 1;
    }

    /** Whether node {@code node}'s engine answers {@code docker node ls} (a manager with a leader in its swarm). */
    public static boolean answers(int node) throws IOException, InterruptedException {
        return StackDeployment.run(List.of("docker", "-H", "unix://" + StackDeployment.CLUSTER_RUN.resolve("n" + node + "/docker.sock"),
                "node", "ls", "-q"), Duration.ofSeconds(15), java.util.Map.of()).exit() == 0;
    }

    /**
     * How long the swarm's API was unavailable on manager {@code manager} after {@code from}: polls {@code docker node ls}
     * there every 250 ms for {@code window} (or until it failed and then answered again); zero when it always answered.
     */
    public static Duration apiGap(int manager, Duration window) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(window);
        Instant failedSince = null;
        while (Instant.now().isBefore(deadline)) {
            Instant asked = Instant.now();
            boolean ok = answers(manager);
            if (!ok && failedSince == null) {
                failedSince = asked;
            } else if (ok && failedSince != null) {
                return Duration.between(failedSince, asked);
            }
            Thread.sleep(250);
        }
        return failedSince == null ? Duration.ZERO : Duration.between(failedSince, Instant.now());
    }

    /** What of task {@code id} is on any node (containers, also exited ones) or in the swarm (services, networks). */
    public static String leftOf(String id) throws IOException, InterruptedException {
        int manager = liveManager();
        StringBuilder found = new StringBuilder(dockerOn(manager, "service", "ls", "-q", "--filter", "label=atq.task=" + id))
                .append(dockerOn(manager, "network", "ls", "-q", "--filter", "label=atq.task=" + id));
        for (int node : StackDeployment.clusterNodes()) {
            String containers = dockerOn(node, "ps", "-a", "--filter", "label=atq.task=" + id, "--format", "{{.Names}} {{.Status}}").strip();
            String networks = dockerOn(node, "network", "ls", "--filter", "label=atq.task=" + id, "--format", "{{.Name}}").strip();
            if (!containers.isEmpty() || !networks.isEmpty()) {
                found.append("node").append(node).append(": ").append(containers).append(' ').append(networks).append('\n');
            }
        }
        return found.toString().strip();
    }

    /** Waits until nothing of task {@code id} is left on any node; blank then, else what is left after {@code within}. */
    public static String awaitNothingLeftOf(String id, Duration within) throws IOException, InterruptedException {
        String left = leftOf(id);
        for (Instant deadline = Instant.now().plus(within); Instant.now().isBefore(deadline) && !left.isBlank(); Thread.sleep(500)) {
            left = leftOf(id);
        }
        return left;
    }

    /** The node index of {@code nodeN} (as Swarm names the cluster's nodes). */
    public static int index(String hostname) {
        return Integer.parseInt(hostname.replaceFirst("^node", ""));
    }

    private Instant fail(String how, int node) throws IOException, InterruptedException {
        Instant at = Instant.now();
        StackDeployment.Run run = cluster.dev(how, Duration.ofSeconds(30), "node" + node);
        if (run.exit() != 0) {
            throw new AssertionError("compose/dev cluster " + how + " node" + node + ": " + run.output());
        }
        return at;
    }

    private void recover(String how, int node) throws IOException, InterruptedException {
        // start waits up to 120 s for the node's dockerd, then until the managers show it ready.
        StackDeployment.Run run = cluster.dev(how, Duration.ofMinutes(4), "node" + node);
        if (run.exit() != 0) {
            throw new AssertionError("compose/dev cluster " + how + " node" + node + ": " + run.output());
        }
    }
}
