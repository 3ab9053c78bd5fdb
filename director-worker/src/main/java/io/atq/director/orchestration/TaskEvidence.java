package io.atq.director.orchestration;

import io.atq.director.swarm.LogSubscription;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a task leaves behind, written to its folder: the master's log appended line by line while it runs (so a client
 * can follow it), completed from Docker's full log at the end; each worker's log at the end; the end marker. Every
 * line passes the scrubber (secret arg values masked) before it is written. Failures are logged, never thrown: a log
 * that cannot be written must not change a task's verdict.
 */
public final class TaskEvidence {
    private static final Logger log = LoggerFactory.getLogger(TaskEvidence.class);
    /** A broken follow stream is opened again at most this often (then the final read fills the gap). */
    private static final int MAX_RESUBSCRIBES = 100;
    private static final long RESUBSCRIBE_PAUSE_MILLIS = 1000;

    private final String taskId;
    private final SwarmClient swarm;
    private final TaskFiles files;
    private final UnaryOperator<String> scrubber;
    private final Object lock = new Object();
    private final LineAssembler assembler = new LineAssembler();

    private String masterId;
    private LogSubscription subscription;
    private boolean followEnded;
    private long bytesSeen;
    private int resubscribes;
    private boolean appendFailed;

    public TaskEvidence(String taskId, SwarmClient swarm, TaskFiles files, UnaryOperator<String> scrubber) {
        this.taskId = taskId;
        this.swarm = swarm;
        this.files = files;
        this.scrubber = scrubber;
    }

    /** Starts appending the master's output to {@code master.log} as it arrives. */
    public void followMaster(String serviceId) {
        synchronized (lock) {
            masterId = serviceId;
        }
        subscribe();
    }

    private void subscribe() {
        synchronized (lock) {
            if (followEnded) {
                return;
            }
            // A new stream starts from the log's first byte: skip what the previous one delivered.
            long skip = bytesSeen;
            long[] delivered = {0};
            try {
                subscription = swarm.followServiceLogs(masterId, chunk -> onChunk(chunk, skip, delivered), this::streamEnded);
            } catch (SwarmException e) {
                log.warn("task {}: cannot follow the master's log, it is collected at the end: {}", taskId, e.getMessage());
            }
        }
    }

    private void onChunk(byte[] chunk, long skip, long[] delivered) {
        synchronized (lock) {
            if (followEnded) {
                return;
            }
            long before = delivered[0];
            delivered[0] += chunk.length;
            if (delivered[0] <= skip) {
                return;
            }
            int from = (int) Math.max(0, skip - before);
            byte[] fresh = from == 0 ? chunk : java.util.Arrays.copyOfRange(chunk, from, chunk.length);
            bytesSeen += fresh.length;
            List<String> lines = assembler.feed(fresh);
            if (!lines.isEmpty()) {
                append(lines.stream().map(scrubber).toList());
            }
        }
    }

    private void streamEnded() {
        synchronized (lock) {
            if (followEnded || resubscribes >= MAX_RESUBSCRIBES) {
                return;
            }
            resubscribes++;
        }
        // Swarm's stream breaks when the master is silent longer than the HTTP read timeout: open it again.
        Thread.ofVirtual().name("follow-" + taskId).start(() -> {
            try {
                Thread.sleep(RESUBSCRIBE_PAUSE_MILLIS);
                subscribe();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Stops following and appends whatever the master wrote that {@code master.log} does not hold yet (by line count,
     * so a log begun by another director is completed, not repeated). Call once the master has exited.
     */
    public void completeMasterLog(String serviceId) {
        synchronized (lock) {
            followEnded = true;
            if (subscription != null) {
                subscription.close();
            }
        }
        try {
            List<String> all = LineAssembler.split(swarm.serviceLogs(serviceId));
            int written = files.masterLogLines(taskId);
            if (all.size() > written) {
                files.appendMasterLog(taskId, all.subList(written, all.size()).stream().map(scrubber).toList());
            }
            log.info("task {}: master log complete ({} lines, {} appended while it ran)", taskId, all.size(), Math.min(written, all.size()));
        } catch (SwarmException | UncheckedIOException e) {
            log.warn("task {}: cannot complete the master's log: {}", taskId, e.getMessage());
        }
    }

    /** Writes {@code workers/worker-<slot>.log} for every replica of the worker service. */
    public void collectWorkerLogs(String workersServiceId) {
        try {
            Map<Integer, String> logs = swarm.serviceLogsBySlot(workersServiceId);
            logs.forEach((slot, text) -> files.writeWorkerLog(taskId, slot,
                    String.join("\n", LineAssembler.split(text).stream().map(scrubber).toList()) + (text.isEmpty() ? "" : "\n")));
            log.info("task {}: collected the logs of {} worker(s)", taskId, logs.size());
        } catch (SwarmException | UncheckedIOException e) {
            log.warn("task {}: cannot collect the workers' logs: {}", taskId, e.getMessage());
        }
    }

    /** Writes the end marker retention counts from (kept if one exists). */
    public void markEnded(Instant at) {
        try {
            files.markEnded(taskId, at);
        } catch (UncheckedIOException e) {
            log.warn("task {}: cannot write the end marker (retention will use the first expiry pass instead): {}", taskId, e.getMessage());
        }
    }

    private void append(List<String> lines) {
        try {
            files.appendMasterLog(taskId, lines);
            appendFailed = false;
        } catch (UncheckedIOException e) {
            if (!appendFailed) {
                log.warn("task {}: cannot append to the master's log (completed at the end): {}", taskId, e.getMessage());
            }
            appendFailed = true;
        }
    }
}
