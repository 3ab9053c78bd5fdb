package io.atq.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gateway's HTTP API as a CI client uses it: JDK HttpClient, HTTP/1.1 keep-alive connections (one per request in
 * flight, reused), the dev admin token on every request.
 */
final class AtqHttp {
    static final String AUTHORIZATION = "Bearer atq-dev-token";
    /** The README's demo task. */
    static final String DEMO_TASK = """
            {"name":"demo","workers":{"image":"atq/demo-worker:1","replicas":3,"args":{"MODE":"node"},"port":8080},\
            "master":{"image":"atq/demo-master:1","args":{"MODE":"master"}},"timeout":"PT5M"}""";
    private static final Pattern PHASE = Pattern.compile("\"phase\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern CLEANUP_DONE = Pattern.compile("\"cleanup\"\\s*:\\s*\\{\\s*\"done\"\\s*:\\s*true");

    private final HttpClient client;
    private final String base;

    AtqHttp(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A 202 gives the task id; anything else {@code null} id with the status. */
    record Submitted(int status, String taskId) {
        boolean accepted() {
            return status == 202 && taskId != null;
        }
    }

    Submitted submit(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/tasks"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String id = response.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse(null);
        return new Submitted(response.statusCode(), id);
    }

    /** Whether the task's clean-up is reported done. */
    boolean cleanedUp(String taskId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/tasks/" + taskId))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", AUTHORIZATION)
                .header("Accept", "application/json")
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && CLEANUP_DONE.matcher(response.body()).find();
    }

    /** Told the phase of each SSE {@code data:} line and the {@link System#nanoTime()} it arrived at. */
    @FunctionalInterface
    interface PhaseListener {
        void phase(String phase, long arrivedNanos);
    }

    /**
     * Follows {@code /v1/tasks/{id}/events} until the stream ends (the gateway closes it after the terminal phase) or
     * the listener's thread is interrupted. Blocking: run it on its own (virtual) thread.
     */
    void follow(String taskId, PhaseListener listener) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/tasks/" + taskId + "/events"))
                .header("Authorization", AUTHORIZATION)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IOException("GET events of " + taskId + " answered " + response.statusCode());
        }
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                long now = System.nanoTime();
                if (line.startsWith("data:")) {
                    Matcher m = PHASE.matcher(line);
                    if (m.find()) {
                        listener.phase(m.group(1), now);
                    }
                }
            }
        }
    }
}
