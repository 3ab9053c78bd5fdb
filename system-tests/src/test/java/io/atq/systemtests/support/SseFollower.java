package io.atq.systemtests.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A client following one task's events as a browser's {@code EventSource} does: when the connection drops (its gateway
 * is replaced in an upgrade) it reconnects, to whichever gateway of the stack is up now, with {@code Last-Event-ID},
 * until it has seen the terminal phase. Records every event id and phase it received, and how often it reconnected.
 */
public final class SseFollower {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED");

    private final StackDeployment stack;
    private final String taskId;
    private final List<Long> ids = new ArrayList<>();
    private final List<String> phases = new ArrayList<>();
    private int connections;

    private SseFollower(StackDeployment stack, String taskId) {
        this.stack = stack;
        this.taskId = taskId;
    }

    /** What one follower saw: event ids and phases in arrival order, and how many connections it took. */
    public record Seen(String taskId, List<Long> ids, List<String> phases, int connections) {
    }

    /** Starts following on a thread of its own; completes once the terminal phase arrived (or fails after {@code within}). */
    public static CompletableFuture<Seen> follow(StackDeployment stack, String taskId, Duration within) {
        SseFollower follower = new SseFollower(stack, taskId);
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        Thread.ofVirtual().name("sse-" + taskId).start(() -> {
            try {
                seen.complete(follower.run(Instant.now().plus(within)));
            } catch (Throwable e) {
                seen.completeExceptionally(e);
            }
        });
        return seen;
    }

    private Seen run(Instant deadline) throws InterruptedException, IOException {
        while (Instant.now().isBefore(deadline)) {
            for (String gateway : stack.gatewayUrls()) {
                try {
                    if (followOnce(gateway)) {
                        return new Seen(taskId, List.copyOf(ids), List.copyOf(phases), connections);
                    }
                } catch (IOException e) {
                    // the gateway went away mid-stream or refused: the next one, or the next round
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("task " + taskId + ": no terminal event within the time; saw ids " + ids + " phases " + phases);
    }

    /** One connection: true once the terminal phase arrived. */
    private boolean followOnce(String gateway) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/v1/tasks/" + taskId + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + stack.token()).GET();
        if (!ids.isEmpty()) {
            request.header("Last-Event-ID", Long.toString(ids.getLast()));
        }
        HttpResponse<InputStream> response = StackDeployment.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode());
        }
        connections++;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("id:")) {
                    ids.add(Long.parseLong(line.substring(3).trim()));
                } else if (line.startsWith("data:")) {
                    JsonNode event = JSON.readTree(line.substring(5).trim());
                    String phase = event.get("phase").asString();
                    phases.add(phase);
                    if (TERMINAL.contains(phase)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
