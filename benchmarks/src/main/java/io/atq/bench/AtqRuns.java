package io.atq.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Real demo tasks through a gateway and its directors, timed as a CI client sees them (POST, then SSE). */
final class AtqRuns {
    /** One task: its final phase and the times (from just before the POST) the client saw RUNNING and the end. */
    record Run(String taskId, String terminal, long runningNanos, long endNanos, long cleanedUpNanos, Map<String, Long> phases) {
        boolean succeeded() {
            return "SUCCEEDED".equals(terminal);
        }
    }

    private static final List<String> TERMINAL = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED");

    private final AtqHttp http;

    AtqRuns(AtqHttp http) {
        this.http = http;
    }

    /** Submits the demo task, follows it to its end, then waits for its clean-up (so the next run starts on a quiet swarm). */
    Run one() throws Exception {
        Run run = timed(System.nanoTime());
        long cleaned = awaitCleanup(run.taskId());
        return new Run(run.taskId(), run.terminal(), run.runningNanos(), run.endNanos(), cleaned, run.phases());
    }

    /** Submits {@code count} demo tasks at once; returns each run (time from the common start) once all ended and were cleaned up. */
    List<Run> concurrent(int count) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Run>> futures = new ArrayList<>();
        long[] start = new long[1];
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return timed(start[0]);
                }));
            }
            start[0] = System.nanoTime();
            go.countDown();
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) {
                runs.add(f.get(10, TimeUnit.MINUTES));
            }
            List<Run> cleaned = new ArrayList<>();
            for (Run run : runs) {
                cleaned.add(new Run(run.taskId(), run.terminal(), run.runningNanos(), run.endNanos(), awaitCleanup(run.taskId()), run.phases()));
            }
            return cleaned;
        }
    }

    private Run timed(long t0) throws Exception {
        AtqHttp.Submitted submitted = http.submit(AtqHttp.DEMO_TASK);
        if (!submitted.accepted()) {
            throw new IllegalStateException("POST /v1/tasks answered " + submitted.status());
        }
        Map<String, Long> seen = new ConcurrentHashMap<>();
        String[] terminal = new String[1];
        http.follow(Objects.requireNonNull(submitted.taskId()), (phase, nanos) -> { // accepted: it has one
            seen.putIfAbsent(phase, nanos);
            if (TERMINAL.contains(phase)) {
                terminal[0] = phase;
            }
        });
        if (terminal[0] == null) {
            throw new IOException("the event stream of " + submitted.taskId() + " ended without a terminal phase: " + seen.keySet());
        }
        long running = seen.getOrDefault("RUNNING", -1L);
        Map<String, Long> phases = new java.util.TreeMap<>();
        seen.forEach((phase, nanos) -> phases.put(phase, nanos - t0));
        return new Run(submitted.taskId(), terminal[0], running < 0 ? -1 : running - t0,
                Objects.requireNonNull(seen.get(terminal[0])) - t0, -1, phases); // seen when it was terminal
    }

    /** Time from now until the gateway reports the task's clean-up done (polled every 100 ms, at most 2 min). */
    private long awaitCleanup(String taskId) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (http.cleanedUp(taskId)) {
                return System.nanoTime() - t0;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("task " + taskId + " not cleaned up within 2 min");
    }
}
