package io.atq.bench;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gateway's HTTP API as a CI client uses it, the dev admin token on every request. Submits and status reads go
 * over reactor-netty's HTTP/1.1 client with a fixed pool of keep-alive connections: the intake figure's load client
 * must cost little CPU, since it shares 2 cores with the gateway and the broker (the JDK HttpClient cost ~1 ms per
 * request, 15 times the raw publisher's client). The SSE follow stays on the JDK HttpClient: one long stream per
 * task, where a blocking line iterator is the simplest correct reader.
 */
final class AtqHttp implements AutoCloseable {
    static final String AUTHORIZATION = "Bearer atq-dev-token";
    /**
     * Submissions rotate over the dev client and three bench clients, the clients of the bench's configuration
     * ({@link BenchConfig}): a client may have at most 100,000 unfinished tasks (a configuration bound), and a full
     * intake run leaves ~120k QUEUED (no director), so one client would turn the end of the run into 429s.
     */
    static final List<String> SUBMIT_TOKENS = List.of("atq-dev-token", "atq-bench-token-1", "atq-bench-token-2", "atq-bench-token-3");
    /** The README's demo task. */
    static final String DEMO_TASK = """
            {"name":"demo","workers":{"image":"atq/demo-worker:1","replicas":3,"args":{"MODE":"node"},"port":8080},\
            "master":{"image":"atq/demo-master:1","args":{"MODE":"master"}},"timeout":"PT5M"}""";
    private static final Pattern PHASE = Pattern.compile("\"phase\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern CLEANUP_DONE = Pattern.compile("\"cleanup\"\\s*:\\s*\\{\\s*\"done\"\\s*:\\s*true");
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionProvider pool;
    /** Configured once: each configuring call copies the client's configuration. */
    private final List<HttpClient> submits;
    private final AtomicInteger nextSubmitter = new AtomicInteger();
    private final HttpClient reads;
    private final java.net.http.HttpClient streams;
    private final String base;

    /**
     * @param connections the pool's size: exactly the load's concurrency, so every request in flight has its own
     *                    kept-alive connection (as the raw publisher has its own channel) and none is opened mid-run
     */
    AtqHttp(String base, int connections) {
        this.base = base;
        this.pool = ConnectionProvider.builder("atq-bench")
                .maxConnections(connections)
                // Callers never have more than `connections` requests in flight; a wait here would be a bench bug.
                .pendingAcquireTimeout(SUBMIT_TIMEOUT)
                .build();
        HttpClient client = HttpClient.create(pool)
                .baseUrl(base)
                .protocol(HttpProtocol.HTTP11)
                .keepAlive(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, AUTHORIZATION)
                        .set(HttpHeaderNames.ACCEPT, "application/json"));
        this.submits = SUBMIT_TOKENS.stream().map(token -> client.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)).responseTimeout(SUBMIT_TIMEOUT)).toList();
        this.reads = client.responseTimeout(READ_TIMEOUT);
        this.streams = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A 202 gives the task id; anything else {@code null} id with the status. */
    record Submitted(int status, @Nullable String taskId) {
        boolean accepted() {
            return status == 202 && taskId != null;
        }
    }

    /** Blocks until the answer; a 202 counts only with a {@code Location}. */
    Submitted submit(String body) {
        // block() is null only for an empty answer, and thenReturn gives one.
        return Objects.requireNonNull(submits.get(Math.floorMod(nextSubmitter.getAndIncrement(), submits.size())).post()
                .uri("/v1/tasks")
                // A Mono body: sent with a Content-Length, like the JDK client's string body.
                .send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> {
                    String location = response.responseHeaders().get(HttpHeaderNames.LOCATION);
                    String id = location == null ? null : location.substring(location.lastIndexOf('/') + 1);
                    // Read the (small) body to its end so the connection goes back to the pool for the next request.
                    return content.asString().defaultIfEmpty("").thenReturn(new Submitted(response.status().code(), id));
                })
                .block());
    }

    /** Whether the task's clean-up is reported done. */
    boolean cleanedUp(String taskId) {
        return Boolean.TRUE.equals(reads.get()
                .uri("/v1/tasks/" + taskId)
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(body -> response.status().code() == 200 && CLEANUP_DONE.matcher(body).find()))
                .block());
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
        HttpResponse<Stream<String>> response = streams.send(request, HttpResponse.BodyHandlers.ofLines());
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

    @Override
    public void close() {
        pool.dispose();
        streams.close();
    }
}
