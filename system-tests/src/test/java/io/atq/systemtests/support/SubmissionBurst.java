package io.atq.systemtests.support;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.json.JsonMapper;

/**
 * Clients submitting one-worker demo tasks at a steady pace through the cluster's gateways (client {@code c} through
 * gateway {@code c % gateways}), each answer kept: what a CI fleet does while something in the cluster breaks.
 */
public final class SubmissionBurst implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One submission's answer: the status, the task id of a 202, the Retry-After of a 503, how long it took. */
    public record Answer(int status, String taskId, String retryAfter, long millis, String body) {
        public boolean accepted() {
            return status == 202;
        }
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final ExecutorService clients;
    private final List<Future<?>> work = new ArrayList<>();

    /** Starts {@code clients} clients, each submitting {@code perClient} tasks {@code pause} apart. */
    public SubmissionBurst(StackDeployment cluster, List<String> gateways, int clients, int perClient, Duration pause) {
        this.clients = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            String gateway = gateways.get(c % gateways.size());
            int client = c;
            work.add(this.clients.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    answers.add(submit(cluster, gateway, "burst-" + client + "-" + i));
                    Thread.sleep(pause);
                }
                return null;
            }));
        }
    }

    private static Answer submit(StackDeployment cluster, String gateway, String name) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> reply = cluster.post(gateway, ClusterTasks.body(name, 1, 1));
            long millis = (System.nanoTime() - start) / 1_000_000;
            String id = reply.statusCode() == 202 ? JSON.readTree(reply.body()).get("id").asString() : null;
            return new Answer(reply.statusCode(), id, reply.headers().firstValue("Retry-After").orElse(null), millis, reply.body());
        } catch (Exception e) {
            // No answer at all (the connection broke or timed out): never acceptable, kept as status 0.
            return new Answer(0, null, null, (System.nanoTime() - start) / 1_000_000, e.toString());
        }
    }

    /** Waits for every client to finish; every answer, in arrival order. */
    public List<Answer> answers() throws Exception {
        for (Future<?> f : work) {
            f.get();
        }
        return List.copyOf(answers);
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
