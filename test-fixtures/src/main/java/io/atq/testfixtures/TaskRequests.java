package io.atq.testfixtures;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task request for the demo images, in the two forms tests need: the JSON body of {@code POST /v1/tasks}
 * ({@link #validBody()}, {@link #demoBody(String, int, String, Integer)}) and the {@link TaskRequested} message a
 * director consumes ({@code aTaskRequest().workers(3).port(8080).requestedAt(t).build()}).
 */
public final class TaskRequests {
    /** The whitelist the message form is valid against: the demo images. */
    public static final AtqConfig CONFIG = ConfigLoader.parse("test", new StringReader("""
            sharedPath: /shared
            pullImages: false
            probeImage: atq/probe:1
            limits:
              maxReplicas: 10
              maxTimeout: PT1H
            images:
              - imageName: atq/demo-worker:1
                args:
                  - name: MODE
                    required: true
              - imageName: atq/demo-master:1
                args:
                  - name: MODE
                    required: true
                  - name: DURATION
                  - name: API_KEY
                    secret: true
            """));

    private TaskId taskId = TaskId.random();
    private int workers = 3;
    private @Nullable Integer port = 8080;
    private String workerImage = "atq/demo-worker:1";
    private final String masterImage = "atq/demo-master:1";
    private final Map<String, String> workerArgs = new HashMap<>(Map.of("MODE", "ok"));
    private final Map<String, String> masterArgs = new HashMap<>(Map.of("MODE", "ok"));
    private Duration timeout = Duration.ofMinutes(10);
    private Instant requestedAt = Instant.parse("2030-01-01T00:00:00Z");
    private @Nullable String bundle;

    private TaskRequests() {
    }

    // ------------------------------------------------------------------ the HTTP body

    /** A valid {@code POST /v1/tasks} body named {@code checkout-load}: 3 demo workers, a succeeding demo master. */
    public static String validBody() {
        return validBody("checkout-load");
    }

    /** The valid body under another task name. */
    public static String validBody(String name) {
        return demoBody(name, 3);
    }

    /** The valid body with one text replaced (the first occurrence); fails if the text is not in it. */
    public static String validBodyWith(String from, String to) {
        String valid = validBody();
        if (!valid.contains(from)) {
            throw new IllegalArgumentException("'" + from + "' is not in the valid request");
        }
        return valid.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    /** A body of {@code replicas} demo workers and a demo master that succeeds. */
    public static String demoBody(String name, int replicas) {
        return demoBody(name, replicas, "master", null);
    }

    /**
     * A body of {@code replicas} demo workers and a demo master in {@code masterMode} ("master" succeeds, "fail" exits
     * 3), running {@code durationSeconds} when given.
     */
    public static String demoBody(String name, int replicas, String masterMode, @Nullable Integer durationSeconds) {
        String duration = durationSeconds == null ? "" : ", \"DURATION\": \"" + durationSeconds + "\"";
        return """
                { "name": "%s",
                  "workers": { "image": "atq/demo-worker:1", "replicas": %d, "args": { "MODE": "node" }, "port": 8080 },
                  "master":  { "image": "atq/demo-master:1", "args": { "MODE": "%s"%s } },
                  "timeout": "PT10M" }
                """.formatted(name, replicas, masterMode, duration);
    }

    // ------------------------------------------------------------------ the message

    /** A builder of a valid {@link TaskRequested}: 3 demo workers on port 8080, 10 min, a fresh task id. */
    public static TaskRequests aTaskRequest() {
        return new TaskRequests();
    }

    public TaskRequests taskId(TaskId id) {
        this.taskId = id;
        return this;
    }

    public TaskRequests workers(int count) {
        this.workers = count;
        return this;
    }

    public TaskRequests port(@Nullable Integer value) {
        this.port = value;
        return this;
    }

    public TaskRequests workerImage(String image) {
        this.workerImage = image;
        return this;
    }

    public TaskRequests masterArg(String name, String value) {
        masterArgs.put(name, value);
        return this;
    }

    public TaskRequests timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    public TaskRequests requestedAt(Instant value) {
        this.requestedAt = value;
        return this;
    }

    /** A test-data bundle id (64 lower-case hex digits). */
    public TaskRequests bundle(String id) {
        this.bundle = id;
        return this;
    }

    public TaskRequested build() {
        return new TaskRequested(taskId, new TaskSpec("demo", new WorkerSpec(workerImage, workers, workerArgs, port),
                new MasterSpec(masterImage, masterArgs), timeout, Map.of(), bundle, null), requestedAt);
    }
}
