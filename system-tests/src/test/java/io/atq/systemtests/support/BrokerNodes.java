package io.atq.systemtests.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.atq.systemtests.support.StackDeployment.dockerOn;

/**
 * The three RabbitMQ nodes of {@code compose/dev cluster up --brokers 3} (stack-brokers.yml): broker node N
 * ({@code rabbit@broker} for 1, {@code rabbit@broker-N} otherwise) runs on cluster node N. Read and hard-killed with the
 * commands an operator uses ({@code rabbitmqctl} inside a broker container, {@code docker kill} on its node).
 */
public final class BrokerNodes {
    private static final Pattern NODE = Pattern.compile("rabbit@broker(?:-(\\d))?");
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);
    private final String stack;
    private String lastListing = "";

    public BrokerNodes(StackDeployment cluster) {
        this.stack = cluster.name();
    }

    /** The broker node (1..3) that leads {@code queue} now, asked as {@link #leaderWithin} does; fails without one. */
    public int leaderOf(String queue) throws IOException, InterruptedException {
        return leaderWithin(queue, ANSWER_WITHIN).orElseThrow(() -> new AssertionError("no leader of queue " + queue
                + " listed within " + ANSWER_WITHIN + ": " + lastListing));
    }

    /**
     * The broker node (1..3) that {@code rabbitmqctl list_queues name leader} names as {@code queue}'s leader, asked of
     * any broker node that answers, again every 0.5 s for up to {@code within}. The column can stay empty for a minute
     * and more on a loaded machine right after a node came back (CI, twice, for several quorum queues at once while
     * others showed theirs), so a reading that only reports it must not depend on it.
     */
    public Optional<Integer> leaderWithin(String queue, Duration within) throws IOException, InterruptedException {
        for (Instant deadline = Instant.now().plus(within); Instant.now().isBefore(deadline); Thread.sleep(500)) {
            lastListing = ctl("rabbitmqctl", "-q", "list_queues", "name", "leader", "--no-table-headers");
            for (String line : lastListing.lines().toList()) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].equals(queue)) {
                    return Optional.of(index(parts[1]).orElseThrow(() -> new AssertionError("leader of " + queue + ": " + line)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * For a report only: "node N" for {@code queue}'s leader as {@link #leaderWithin} finds it, else why not. Never
     * fails: right after a node came back, {@code rabbitmqctl} may list no leader or not answer at all (CI, three times).
     */
    public String leaderReport(String queue, Duration within) throws IOException, InterruptedException {
        try {
            return leaderWithin(queue, within).map(n -> "node " + n).orElse("not listed within " + within.toSeconds() + " s");
        } catch (AssertionError unanswered) {
            return "not listed: " + unanswered.getMessage();
        }
    }

    /** The members of {@code queue} (quorum queue or stream) as broker node indexes, asked of any broker node. */
    public List<Integer> membersOf(String queue) throws IOException, InterruptedException {
        String listing = ctl("rabbitmqctl", "-q", "list_queues", "name", "members", "--no-table-headers");
        for (String line : listing.lines().toList()) {
            if (line.strip().startsWith(queue + " ") || line.strip().startsWith(queue + "\t")) {
                List<Integer> members = new ArrayList<>();
                Matcher m = NODE.matcher(line);
                while (m.find()) {
                    members.add(m.group(1) == null ? 1 : Integer.parseInt(m.group(1)));
                }
                return members.stream().sorted().toList();
            }
        }
        throw new AssertionError("no queue " + queue + " in: " + listing);
    }

    /** SIGKILL to broker node {@code node}'s container (Swarm starts a new one there, on the same volume); when. */
    public Instant kill(int node) throws IOException, InterruptedException {
        String container = container(node).orElseThrow(() -> new AssertionError("no container of broker node " + node));
        Instant at = Instant.now();
        dockerOn(node, "kill", "--signal", "KILL", container);
        return at;
    }

    /** Waits until every broker node runs in the cluster again; when. */
    public Instant awaitAllRunning(Duration within) throws IOException, InterruptedException {
        String last = "";
        for (Instant deadline = Instant.now().plus(within); Instant.now().isBefore(deadline); Thread.sleep(500)) {
            last = ctl("rabbitmqctl", "-q", "cluster_status", "--formatter", "json");
            Matcher running = Pattern.compile("\"running_nodes\":\\[([^]]*)]").matcher(last);
            if (running.find() && NODE.matcher(running.group(1)).results().count() == 3) {
                return Instant.now();
            }
        }
        throw new AssertionError("the broker nodes are not all running within " + within + ": " + last);
    }

    private static Optional<Integer> index(String node) {
        Matcher m = NODE.matcher(node);
        return m.find() ? Optional.of(m.group(1) == null ? 1 : Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private Optional<String> container(int node) throws IOException, InterruptedException {
        String service = stack + (node == 1 ? "_broker" : "_broker-" + node);
        return dockerOn(node, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + service).lines()
                .filter(l -> !l.isBlank()).findFirst();
    }

    /**
     * A command inside the first broker container that runs and answers, trying the nodes again for up to a minute: a
     * killed one may be coming back, and a node whose peer was just lost can answer {@code {:badrpc, :nodedown}} for a
     * while (seen in CI right after the director's-node kill, which also took a broker node down).
     */
    private String ctl(String... command) throws IOException, InterruptedException {
        String last = "";
        for (Instant deadline = Instant.now().plus(ANSWER_WITHIN); Instant.now().isBefore(deadline); Thread.sleep(1000)) {
            for (int node = 1; node <= 3; node++) {
                Optional<String> container = container(node);
                if (container.isEmpty()) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("exec", container.get()));
                args.addAll(List.of(command));
                String output;
                try {
                    output = dockerOn(node, args.toArray(String[]::new));
                } catch (AssertionError hung) {
                    // A node's rabbitmqctl can hang past the exec's 30 s right after a node came back (CI): ask the next.
                    last = "node " + node + ": " + hung.getMessage();
                    continue;
                }
                if (output.isBlank() || output.contains("Error") || output.contains("badrpc") || output.contains("nodedown")) {
                    last = "node " + node + ": " + output.strip();
                    continue;
                }
                return output;
            }
        }
        throw new AssertionError("no broker node answers " + String.join(" ", command) + " within " + ANSWER_WITHIN + "; last: " + last);
    }
}
