package io.atq.director.support;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;

import io.atq.contracts.tasks.TaskId;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds task requests for tests: {@code aTaskRequest().workers(3).port(8080).requestedAt(t).build()}. */
public final class TaskRequests {
    /** The whitelist tests run against: the demo images. */
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
    private Integer port = 8080;
    private String workerImage = "atq/demo-worker:1";
    private String masterImage = "atq/demo-master:1";
    private final Map<String, String> workerArgs = new HashMap<>(Map.of("MODE", "ok"));
    private final Map<String, String> masterArgs = new HashMap<>(Map.of("MODE", "ok"));
    private Duration timeout = Duration.ofMinutes(10);
    private Instant requestedAt = Instant.parse("2030-01-01T00:00:00Z");
    private String bundle;

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

    public TaskRequests port(Integer value) {
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
