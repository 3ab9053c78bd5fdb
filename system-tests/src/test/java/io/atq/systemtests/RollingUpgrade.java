package io.atq.systemtests;

import io.atq.systemtests.support.SseFollower;
import io.atq.systemtests.support.StackDeployment;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.atq.systemtests.support.StackDeployment.docker;

/**
 * A rolling upgrade of a deployed stack while tasks run, as an operator does it: {@code docker service update --image}
 * with a new tag of the directors, then of the gateways. Meanwhile some clients follow their task's events (and must
 * reconnect when their gateway is replaced) and the rest poll, through whichever gateway is up.
 */
final class RollingUpgrade {
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED");
    /**
     * Long enough to span the directors' update and both gateways' (each ~50 s here: a new replica healthy, the old one
     * stopped, Swarm's 30 s monitor, then the next), so the followed gateway is replaced while the tasks still run,
     * whichever replica Swarm updates first. At 75 s the second-updated gateway outlived the tasks.
     */
    private static final int MASTER_SECONDS = 120;

    private final StackDeployment stack;
    private final List<String> report = new ArrayList<>();

    RollingUpgrade(StackDeployment stack) {
        this.stack = stack;
    }

    /** What happened: the two updates, every task's verdict, what the followers saw, and what is left on the swarm. */
    record Outcome(StackDeployment.Run directorUpdate, StackDeployment.Run gatewayUpdate, List<JsonNode> verdicts,
                   Set<String> oldDirectors, List<SseFollower.Seen> followers, String leftTaskObjects, List<String> report) {
    }

    Outcome run(int tasks, int following) throws Exception {
        String gateway = stack.gatewayUrls().getFirst();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            ids.add(stack.submit(gateway, """
                    {"name":"upgrade-%d","workers":{"image":"%s/atq/demo-worker:1","replicas":1,"args":{"MODE":"node"},"port":8080},
                     "master":{"image":"%s/atq/demo-master:1","args":{"MODE":"master","DURATION":"%d"}},"timeout":"PT10M"}"""
                    .formatted(i, StackDeployment.registry(), StackDeployment.registry(), MASTER_SECONDS)));
        }
        List<CompletableFuture<SseFollower.Seen>> followers = new ArrayList<>();
        for (String id : ids.subList(0, following)) {
            followers.add(SseFollower.follow(stack, id, Duration.ofMinutes(10)));
        }
        Set<String> oldDirectors = new LinkedHashSet<>();
        for (String id : ids) {
            oldDirectors.add(await(id, Set.of("RUNNING"), Duration.ofMinutes(3)).get("director").asString());
        }
        report.add("%d tasks RUNNING on %s; %d followers".formatted(tasks, oldDirectors, following));

        StackDeployment.Run directors = update("director");
        StackDeployment.Run gateways = update("gateway");

        List<JsonNode> verdicts = new ArrayList<>();
        for (String id : ids) {
            verdicts.add(await(id, TERMINAL, Duration.ofMinutes(5)));
        }
        verdicts.forEach(v -> report.add("task %s: %s by %s".formatted(v.get("id").asString(), v.get("phase").asString(),
                v.get("director").asString())));
        List<SseFollower.Seen> seen = new ArrayList<>();
        for (CompletableFuture<SseFollower.Seen> follower : followers) {
            seen.add(follower.get(5, TimeUnit.MINUTES));
        }
        seen.forEach(s -> report.add("follower of %s: %d events over %d connections".formatted(s.taskId(), s.ids().size(), s.connections())));
        return new Outcome(directors, gateways, verdicts, oldDirectors, seen, taskObjectsLeft(), report);
    }

    /** {@code docker service update --image <repo>:upgrade-<stack>} (the same bits under a new tag), to convergence. */
    private StackDeployment.Run update(String service) throws IOException, InterruptedException {
        String name = stack.name() + "_" + service;
        String image = docker("service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", name).strip();
        String tag = "atq/" + service + ":upgrade-" + stack.name();
        docker("tag", image, tag);
        Instant began = Instant.now();
        // --no-resolve-image: the tag is local; asking a registry for its digest would look up docker.io.
        StackDeployment.Run run = StackDeployment.run(List.of("docker", "service", "update", "--detach=false", "--no-resolve-image",
                "--image", tag, name), Duration.ofMinutes(6), Map.of());
        report.add("docker service update --image %s %s: exit %d after %d s".formatted(tag, name, run.exit(),
                Duration.between(began, Instant.now()).toSeconds()));
        return run;
    }

    /** Removes the upgrade tags (the images stay under their other names). */
    static void removeTags(StackDeployment stack) throws IOException, InterruptedException {
        docker("rmi", "atq/director:upgrade-" + stack.name(), "atq/gateway:upgrade-" + stack.name());
    }

    private JsonNode await(String id, Set<String> phases, Duration within) throws IOException, InterruptedException {
        return awaitPhase(stack, id, phases, within);
    }

    /** Polls the task's view through whichever gateway answers until it is terminal. */
    static JsonNode awaitTerminal(StackDeployment stack, String id, Duration within) throws IOException, InterruptedException {
        return awaitPhase(stack, id, TERMINAL, within);
    }

    /** Polls the task's view through whichever gateway answers (one may be mid-replacement) until it is in {@code phases}. */
    static JsonNode awaitPhase(StackDeployment stack, String id, Set<String> phases, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        JsonNode view = null;
        while (Instant.now().isBefore(deadline)) {
            for (String gateway : stack.gatewayUrls()) {
                try {
                    JsonNode now = stack.view(gateway, id);
                    if (now != null) {
                        view = now;
                        break;
                    }
                } catch (IOException e) {
                    // that gateway is going away: ask the next
                }
            }
            if (view != null && phases.contains(view.get("phase").asString())) {
                return view;
            }
            if (view != null && TERMINAL.contains(view.get("phase").asString())) {
                throw new AssertionError("task " + id + " ended before reaching " + phases + ": " + view);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("task " + id + " not in " + phases + " within " + within + "; last view: " + view);
    }

    /** The task services and networks of the stack's instance once the clean-ups had a minute (blank: none). */
    private String taskObjectsLeft() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        String left;
        do {
            left = (docker("service", "ls", "-q", "--filter", "label=atq.instance=" + stack.name())
                    + docker("network", "ls", "-q", "--filter", "label=atq.instance=" + stack.name())).strip();
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return left;
    }
}
