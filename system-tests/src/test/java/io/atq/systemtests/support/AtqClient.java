package io.atq.systemtests.support;

import io.atq.testfixtures.AppProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A CI pipeline's view of one gateway: the HTTP API, nothing else. */
public final class AtqClient {
    public static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The dev admin's bearer token (client {@code dev} in atq-system-test.yaml and the embedded default). */
    public static final String DEV_TOKEN = "atq-dev-token";

    private final AppProcess gateway;
    private final String token;

    AtqClient(AppProcess gateway) {
        this(gateway, DEV_TOKEN);
    }

    private AtqClient(AppProcess gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** The same gateway as another client ({@code null}: no Authorization header). */
    public AtqClient as(String bearerToken) {
        return new AtqClient(gateway, bearerToken);
    }

    /** The bearer token this client sends, or {@code null}. */
    public String token() {
        return token;
    }

    public AppProcess process() {
        return gateway;
    }

    /** An answer: status code and parsed JSON body (or text). */
    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(gateway.url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with a binary body (a bundle upload). */
    public Reply post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(gateway.url(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A POST with extra headers (e.g. {@code Idempotency-Key}). */
    public Reply post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(gateway.url(path)).GET());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(gateway.url(path)).DELETE());
    }

    /** Submits a task and returns its id; fails unless the answer is 202. */
    public String submit(String json) {
        Reply reply = post("/v1/tasks", json);
        if (reply.status() != 202) {
            throw new AssertionError("expected 202, got " + reply.status() + ": " + reply.body());
        }
        return reply.json().get("id").asString();
    }

    public JsonNode task(String id) {
        Reply reply = get("/v1/tasks/" + id);
        if (reply.status() != 200) {
            throw new AssertionError("GET task " + id + ": " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    /**
     * Every task a list query selects, walking its pages by {@code nextCursor}; fails on a non-200 page or on more
     * than 1000 pages. {@code query} is the part after {@code ?} without a cursor (it may be empty).
     */
    public List<JsonNode> listAll(String query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            String path = "/v1/tasks?" + query + (cursor == null ? "" : (query.isEmpty() ? "" : "&") + "cursor=" + cursor);
            Reply reply = get(path);
            if (reply.status() != 200) {
                throw new AssertionError("GET " + path + ": " + reply.status() + " " + reply.body());
            }
            JsonNode page = reply.json();
            page.get("items").forEach(all::add);
            JsonNode next = page.get("nextCursor");
            if (next == null || next.isNull()) {
                return all;
            }
            cursor = next.asString();
        }
        throw new AssertionError("more than 1000 pages for " + query);
    }

    /** Polls until the task's phase satisfies {@code phases}; fails (with the gateway's log) after {@code within}. */
    public JsonNode awaitPhase(String id, Set<String> phases, Duration within) {
        Instant deadline = Instant.now().plus(within);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Reply reply = get("/v1/tasks/" + id);
            if (reply.status() == 200) {
                last = reply.json();
                if (phases.contains(last.get("phase").asString())) {
                    return last;
                }
            }
            AppProcess.sleep(200);
        }
        throw new AssertionError("task " + id + " not in " + phases + " within " + within + "; last view: " + last);
    }

    public JsonNode awaitTerminal(String id) {
        return awaitPhase(id, TERMINAL, Duration.ofMinutes(3));
    }

    /** Polls until the task reports its clean-up done. */
    public JsonNode awaitCleanedUp(String id) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonNode view = task(id);
        while (Instant.now().isBefore(deadline)) {
            view = task(id);
            JsonNode cleanup = view.get("cleanup");
            if (cleanup != null && cleanup.get("done") != null && cleanup.get("done").asBoolean()) {
                return view;
            }
            AppProcess.sleep(200);
        }
        throw new AssertionError("task " + id + " not cleaned up: " + view);
    }

    /** Reads the task's event stream to its end: the {@code event:phase} data lines, parsed. */
    public List<JsonNode> followEvents(String id, Duration within) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.url("/v1/tasks/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(within).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        List<JsonNode> events = new ArrayList<>();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("events of " + id + ": HTTP " + response.statusCode());
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        events.add(JSON.readTree(line.substring("data:".length()).trim()));
                    }
                }
            }
            return events;
        } catch (IOException e) {
            throw new AssertionError("event stream of " + id + " broke after " + events.size() + " events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            // The gateway's own account (its log is in target/ only, which CI does not keep).
            throw new AssertionError("request " + built.method() + " " + built.uri().getPath() + " to " + gateway.name()
                    + " failed; the gateway's log ends:\n" + gateway.logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
