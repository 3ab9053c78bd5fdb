package io.atq.systemtests.support;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Tasks on the cluster of {@code compose/dev cluster up --managers 3 --workers 2}: node1–3 are managers (a director
 * each), node4–5 workers. With the managers paused while a task starts, its workers and master all run on the two
 * worker nodes, away from every director, the broker and the swarm's Raft.
 */
public final class ClusterTasks {
    public static final int MANAGERS = 3;
    public static final int WORKERS = 2;
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED");
    private static final String LONG_TASK = """
            {"name":"%s","workers":{"image":"10.99.0.1:5000/atq/demo-worker:1","replicas":%d,"args":{"MODE":"node"},"port":8080},
             "master":{"image":"10.99.0.1:5000/atq/demo-master:1","args":{"MODE":"master","DURATION":"%d"}},"timeout":"PT10M"}""";

    private final StackDeployment cluster;

    public ClusterTasks(StackDeployment cluster) {
        this.cluster = cluster;
    }

    /**
     * Submits a demo task ({@code workers} workers, a master running {@code seconds}) with every manager paused, so it
     * runs on the worker nodes only; returns its view once RUNNING (the managers active again).
     */
    public JsonNode runOnWorkerNodes(String name, int workers, int seconds) throws IOException, InterruptedException {
        return runOnWorkerNodes(name, workers, seconds, 1).getFirst();
    }

    /** {@code count} such tasks submitted at once (the directors share them out); their views once all are RUNNING. */
    public List<JsonNode> runOnWorkerNodes(String name, int workers, int seconds, int count) throws IOException, InterruptedException {
        List<String> managers = IntStream.rangeClosed(1, MANAGERS).mapToObj(i -> "node" + i).toList();
        int manager = NodeFailures.liveManager();
        try {
            for (String node : managers) {
                StackDeployment.dockerOn(manager, "node", "update", "--availability", "pause", node);
            }
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(cluster.submit(gatewayAwayFrom(0), LONG_TASK.formatted(name, workers, seconds)));
            }
            List<JsonNode> views = new java.util.ArrayList<>();
            for (String id : ids) {
                views.add(awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(3)));
            }
            return views;
        } finally {
            for (String node : managers) {
                StackDeployment.dockerOn(manager, "node", "update", "--availability", "active", node);
            }
        }
    }

    /** Submits a demo task wherever Swarm places it; its id. */
    public String submit(String name, int workers, int seconds) throws IOException, InterruptedException {
        return cluster.submit(gatewayAwayFrom(0), LONG_TASK.formatted(name, workers, seconds));
    }

    /** A demo task's request body: {@code workers} workers, a master running {@code seconds}. */
    public static String body(String name, int workers, int seconds) {
        return LONG_TASK.formatted(name, workers, seconds);
    }

    /** {@code worker-<slot>} and {@code master} of a view's {@code nodes}, each with its node's index. */
    public static Map<String, Integer> nodes(JsonNode view) {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        view.get("nodes").properties().forEach(e -> nodes.put(e.getKey(), NodeFailures.index(e.getValue().asString())));
        return nodes;
    }

    /** The node index of the director that recorded a view (the stack names directors {@code <hostname>-<task id>}). */
    public static int directorNode(JsonNode view) {
        return NodeFailures.index(view.get("director").asString().replaceFirst("-.*$", ""));
    }

    /**
     * A gateway on another node than {@code node} (0: any); when there is none (a lost node's gateway not yet replaced),
     * waits until both gateways answer again.
     */
    public String gatewayAwayFrom(int node) throws IOException, InterruptedException {
        String away = "http://10.99.0." + (10 + node) + ":";
        List<String> gateways = cluster.gatewayUrls();
        if (gateways.stream().noneMatch(url -> !url.startsWith(away))) {
            gateways = cluster.awaitClusterGateways(2, Duration.ofMinutes(2));
        }
        List<String> known = gateways;
        return known.stream().filter(url -> !url.startsWith(away)).findFirst()
                .orElseThrow(() -> new AssertionError("no gateway away from node" + node + ": " + known));
    }

    /** Polls the task's view through {@code gateway} until it is terminal. */
    public JsonNode awaitTerminalVia(String gateway, String id, Duration within) throws IOException, InterruptedException {
        JsonNode view = null;
        String problem = "none";
        for (Instant deadline = Instant.now().plus(within); Instant.now().isBefore(deadline); Thread.sleep(250)) {
            try {
                JsonNode now = cluster.view(gateway, id);
                view = now == null ? view : now;
                problem = now == null ? "not 200" : "none";
            } catch (IOException e) {
                problem = e.toString(); // that gateway's node may be the one going through a loss: the next try
                continue;
            }
            if (view != null && TERMINAL.contains(view.get("phase").asString())) {
                return view;
            }
        }
        throw new AssertionError("task " + id + " not ended within " + within + " (gateway " + gateway + ", last problem: " + problem
                + "): " + view);
    }

    /** Polls the task's view through any gateway away from {@code 0} until it is in {@code phases}. */
    public JsonNode awaitPhase(String id, Set<String> phases, Duration within) throws IOException, InterruptedException {
        JsonNode view = null;
        for (Instant deadline = Instant.now().plus(within); Instant.now().isBefore(deadline); Thread.sleep(250)) {
            view = cluster.view(gatewayAwayFrom(0), id);
            if (view != null && phases.contains(view.get("phase").asString())) {
                return view;
            }
            if (view != null && TERMINAL.contains(view.get("phase").asString())) {
                throw new AssertionError("task " + id + " ended before " + phases + ": " + view);
            }
        }
        throw new AssertionError("task " + id + " not in " + phases + " within " + within + ": " + view);
    }

    /** DELETE /v1/tasks/{id} through {@code gateway}. */
    public void cancel(String gateway, String id) throws IOException, InterruptedException {
        StackDeployment.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/tasks/" + id))
                .header("Authorization", "Bearer " + cluster.token()).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The view and, unless it SUCCEEDED, the last lines of its master's log: what an assertion on a verdict should print. */
    public String explain(String gateway, JsonNode view) {
        if ("SUCCEEDED".equals(view.get("phase").asString())) {
            return view.toString();
        }
        try {
            List<String> lines = masterLog(gateway, view.get("id").asString()).lines().toList();
            return view + "\nmaster.log (last lines):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            return view + " (master.log unreadable: " + e + ")";
        }
    }

    /** The task's {@code master.log} through {@code gateway}. */
    public String masterLog(String gateway, String id) throws IOException, InterruptedException {
        return StackDeployment.HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/tasks/" + id + "/logs"))
                .header("Authorization", "Bearer " + cluster.token()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
