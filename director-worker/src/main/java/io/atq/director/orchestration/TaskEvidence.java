package io.atq.director.orchestration;

import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.ResultSummary;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.names.TaskFolderLayout;
import io.atq.contracts.results.SummaryFile;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.swarm.LogSubscription;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What a task leaves behind, written to its folder: the master's log appended line by line while it runs (so a client
 * can follow it), completed from Docker's full log at the end; each worker's log at the end; the summary of the
 * results files ({@link TaskResults}); the end marker. Every
 * line passes the scrubber (secret arg values masked) before it is written. Logs stream from Docker to their files
 * (never held whole), each file capped at {@code maxLogBytes} ({@link CappedLog}). Failures are never thrown: a log
 * that cannot be written must not change a task's verdict; they are logged and collected as {@link #evidence()}, which
 * the terminal phase carries so clients see what is missing.
 */
public final class TaskEvidence {
    private static final Logger log = LoggerFactory.getLogger(TaskEvidence.class);
    /** A broken follow stream is opened again at most this often (then the final read fills the gap). */
    private static final int MAX_RESUBSCRIBES = 100;
    private static final long RESUBSCRIBE_PAUSE_MILLIS = 1000;
    /** Problems reported at most (a hundred workers on a full disk say the same thing a hundred times). */
    private static final int MAX_PROBLEMS = 20;
    private static final String MASTER_LOG = TaskFolderLayout.MASTER_LOG;

    private final TaskId taskId;
    private final SwarmClient swarm;
    private final TaskFiles files;
    private final TaskResults results;
    private final UnaryOperator<String> scrubber;
    private final long maxLogBytes;
    private final Object lock = new Object();
    private final LineAssembler assembler = new LineAssembler();
    private final Set<String> problems = new LinkedHashSet<>();
    private int problemsLeftOut;
    private volatile @Nullable ResultSummary summary;
    private volatile TaskResults.@Nullable Summary measured;

    private @Nullable String masterId;
    private @Nullable LogSubscription subscription;
    private boolean followEnded;
    private long bytesSeen;
    /** Lines of the stream another director already wrote to master.log (see {@link #followMaster(String, boolean)}). */
    private long linesToSkip;
    private int resubscribes;
    /** master.log while following, opened at the first line; null before that and once it failed. */
    private @Nullable LogFile followed;
    private @Nullable CappedLog followedCap;
    /** The follow could not write, or reached the cap: it stops, and the completion appends what is missing (by line count). */
    private boolean followBroken;

    /**
     * @param maxLogBytes the most bytes kept of each log file (then one line says what was left out)
     */
    public TaskEvidence(TaskId taskId, SwarmClient swarm, TaskFiles files, TaskResults results, UnaryOperator<String> scrubber,
                        long maxLogBytes) {
        this.taskId = taskId;
        this.swarm = swarm;
        this.files = files;
        this.results = results;
        this.scrubber = scrubber;
        this.maxLogBytes = maxLogBytes;
    }

    /**
     * Starts appending the master's output to {@code master.log} as it arrives.
     *
     * @param continuing whether another director may have begun {@code master.log} (a takeover): the lines it holds are
     *                   the stream's first ones, and are not written again
     */
    public void followMaster(String serviceId, boolean continuing) {
        long written = 0;
        if (continuing) {
            try {
                written = files.masterLogLines(taskId);
            } catch (UncheckedIOException e) {
                log.warn("task {}: cannot read master.log, following from its first line: {}", taskId, e.getMessage());
            }
        }
        synchronized (lock) {
            masterId = serviceId;
            linesToSkip = written;
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
                subscription = swarm.followServiceLogs(Objects.requireNonNull(masterId), // set before the first subscribe
                        chunk -> onChunk(chunk, skip, delivered), this::streamEnded);
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
            if (linesToSkip > 0 && !lines.isEmpty()) {
                int skipped = (int) Math.min(linesToSkip, lines.size());
                linesToSkip -= skipped;
                lines = lines.subList(skipped, lines.size());
            }
            if (!lines.isEmpty()) {
                appendFollowed(lines);
            }
        }
    }

    /** Under the lock. */
    private void appendFollowed(List<String> lines) {
        if (followBroken) {
            return;
        }
        try {
            if (followed == null) {
                followedCap = new CappedLog(MASTER_LOG, maxLogBytes, files.masterLogBytes(taskId), this::appendToFollowed);
                followed = files.appendToMasterLog(taskId);
            }
        } catch (UncheckedIOException e) {
            followFailed(CappedLog.reason(e));
            return;
        }
        Objects.requireNonNull(followedCap, "created with followed");
        for (String line : lines) {
            // Past the cap a line is only counted: no need to scrub it.
            followedCap.add(followedCap.truncated() ? line : scrubber.apply(line));
        }
        followedCap.flush();
        if (followedCap.failed()) {
            followFailed(Objects.requireNonNull(followedCap.failure()));
        } else if (followedCap.truncated()) {
            // Nothing more can be written until the end: stop reading a flood twice (the completion counts what is left out).
            log.info("task {}: master.log reached {} bytes, no longer followed", taskId, maxLogBytes);
            followBroken = true;
            closeFollowed();
            LogSubscription flooding = subscription;
            // Not from Docker's reading thread, which is delivering this very chunk.
            Thread.ofVirtual().name("unfollow-" + taskId).start(() -> {
                if (flooding != null) {
                    flooding.close();
                }
            });
        }
    }

    private void appendToFollowed(List<String> lines) {
        // Only followedCap writes here, and it stops before followed is closed.
        Objects.requireNonNull(followed).append(lines);
    }

    private void followFailed(String reason) {
        log.warn("task {}: cannot append to the master's log (completed at the end): {}", taskId, reason);
        followBroken = true;
        closeFollowed();
    }

    private void closeFollowed() {
        if (followed != null) {
            try {
                followed.close();
            } catch (UncheckedIOException e) {
                log.debug("task {}: closing master.log failed: {}", taskId, e.getMessage());
            }
            followed = null;
        }
    }

    private void streamEnded() {
        synchronized (lock) {
            if (followEnded || followBroken || resubscribes >= MAX_RESUBSCRIBES) {
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
     * Stops following and leaves {@code master.log} as it is, whole lines only (a director handing its task over: the
     * heir follows on from the lines the file holds).
     */
    public void stopFollowing() {
        synchronized (lock) {
            followEnded = true;
            if (subscription != null) {
                subscription.close();
            }
            closeFollowed();
        }
    }

    /**
     * Stops following and appends whatever the master wrote that {@code master.log} does not hold yet (by line count,
     * so a log begun by another director is completed, not repeated), streaming Docker's log through the cap; a log
     * cut at the cap ends with one line saying so. Call once the master has exited.
     */
    public void completeMasterLog(String serviceId) {
        synchronized (lock) {
            followEnded = true;
            if (subscription != null) {
                subscription.close();
            }
            closeFollowed();
        }
        long written;
        LogFile file;
        CappedLog out;
        try {
            written = files.masterLogLines(taskId);
            file = files.appendToMasterLog(taskId);
            out = new CappedLog(MASTER_LOG, maxLogBytes, files.masterLogBytes(taskId), file::append);
        } catch (UncheckedIOException e) {
            log.warn("task {}: cannot complete the master's log: {}", taskId, e.getMessage());
            problem(MASTER_LOG + ": cannot write: " + CappedLog.reason(e));
            return;
        }
        LineAssembler lines = new LineAssembler();
        long[] seen = {0};
        Consumer<String> line = text -> {
            if (seen[0]++ >= written) {
                out.add(out.truncated() ? text : scrubber.apply(text));
            }
        };
        try {
            swarm.readServiceLogs(serviceId, chunk -> lines.feed(chunk).forEach(line));
            lines.rest().ifPresent(line);
            log.info("task {}: master log complete ({} lines, {} written while it ran)", taskId, seen[0], Math.min(written, seen[0]));
        } catch (SwarmException e) {
            log.warn("task {}: cannot complete the master's log: {}", taskId, e.getMessage());
            problem(MASTER_LOG + ": Docker could not give the log: " + e.getMessage());
        } finally {
            finish(out, file);
        }
    }

    /** Writes {@code workers/worker-<slot>.log} for every replica of the worker service. */
    public void collectWorkerLogs(String workersServiceId) {
        Map<Integer, WorkerLog> logs = new TreeMap<>();
        try {
            swarm.readServiceLogsBySlot(workersServiceId, slot -> logs.computeIfAbsent(slot, WorkerLog::new)::feed);
            log.info("task {}: collected the logs of {} worker(s)", taskId, logs.size());
        } catch (SwarmException e) {
            log.warn("task {}: cannot collect the workers' logs: {}", taskId, e.getMessage());
            problem("worker logs: Docker could not give them: " + e.getMessage());
        } finally {
            logs.values().forEach(WorkerLog::finish);
        }
    }

    /**
     * Reads what the master wrote to {@code results/summary.json}, once the master has ended; an unusable file is an
     * evidence problem (naming the field) and no summary.
     */
    public void readSummary() {
        Optional<byte[]> bytes;
        try {
            bytes = files.readSummary(taskId, SummaryFile.MAX_BYTES);
        } catch (UncheckedIOException e) {
            problem(SummaryFile.PATH + ": cannot read: " + CappedLog.reason(e));
            return;
        }
        switch (bytes.map(SummaryFile::read).orElse(null)) {
            case SummaryFile.Read read -> summary = read.summary();
            case SummaryFile.Unusable unusable -> problem(unusable.problem());
            case null -> log.debug("task {}: the master wrote no {}", taskId, SummaryFile.PATH);
        }
    }

    /** The master's summary, once {@link #readSummary()} found a usable one; null otherwise. */
    public @Nullable ResultSummary summary() {
        return summary;
    }

    /**
     * Summarizes the results files the master and the workers wrote and evaluates {@code thresholds} on them (see
     * {@link TaskResults}), once the master has ended. What could not be done (the folder unreadable, the summary
     * document not written) is an evidence problem; the verdict is {@link ThresholdVerdict}'s.
     */
    public void summarizeResults(List<Threshold> thresholds) {
        TaskResults.Summary summarized;
        try {
            summarized = results.summarize(taskId, thresholds);
        } catch (RuntimeException e) {
            // A reader never throws by contract; should one, the run still reaches its verdict.
            log.error("task {}: summarizing the results failed", taskId, e);
            summarized = new TaskResults.NotMeasured("the results could not be summarized: " + e);
        }
        measured = summarized;
        switch (summarized) {
            case TaskResults.Measured done -> {
                ResultsHeadline headline = done.headline();
                if (headline.filesRead() == 0 && headline.unreadable().isEmpty() && thresholds.isEmpty()) {
                    log.debug("task {}: no results file", taskId);
                } else {
                    log.info("task {}: results summarized: {} file(s) read, {} unreadable, {} samples, {} errors; {} of {} threshold(s) held",
                            taskId, headline.filesRead(), headline.unreadable().size(), headline.samples(), headline.errors(),
                            headline.thresholds().stream().filter(ThresholdOutcome::passed).count(), headline.thresholds().size());
                }
                done.problems().forEach(this::problem);
            }
            case TaskResults.NotMeasured failed -> {
                log.warn("task {}: the results could not be summarized: {}", taskId, failed.problem());
                problem(failed.problem());
            }
        }
    }

    /** What {@link #summarizeResults} gave; null before it ran (the master never started). */
    public TaskResults.@Nullable Summary results() {
        return measured;
    }

    /** Writes the end marker retention counts from (kept if one exists). */
    public void markEnded(Instant at) {
        try {
            files.markEnded(taskId, at);
        } catch (UncheckedIOException e) {
            log.warn("task {}: cannot write the end marker (retention will use the first expiry pass instead): {}", taskId, e.getMessage());
        }
    }

    /** Whether every log was written whole so far, and if not, what is missing (for the terminal phase). */
    public Evidence evidence() {
        synchronized (lock) {
            List<String> all = new ArrayList<>(problems);
            if (problemsLeftOut > 0) {
                all.add("and " + problemsLeftOut + " more problem(s) (see the director's log)");
            }
            return Evidence.of(all);
        }
    }

    private void finish(CappedLog out, LogFile file) {
        List<String> found = new ArrayList<>(out.finish());
        try {
            file.close();
        } catch (UncheckedIOException e) {
            found.add(out.name() + ": cannot write: " + CappedLog.reason(e));
        }
        found.forEach(problem -> log.warn("task {}: evidence incomplete: {}", taskId, problem));
        found.forEach(this::problem);
    }

    private void problem(String problem) {
        synchronized (lock) {
            if (problems.contains(problem)) {
                return;
            }
            if (problems.size() >= MAX_PROBLEMS) {
                problemsLeftOut++;
                return;
            }
            problems.add(problem);
        }
    }

    /** One worker's log on its way to {@code workers/worker-<slot>.log}, opened when its replica's log begins. */
    private final class WorkerLog {
        private final LineAssembler lines = new LineAssembler();
        private final String name;
        private @Nullable LogFile file;
        private @Nullable CappedLog out;

        WorkerLog(int slot) {
            name = TaskFolderLayout.WORKERS + "/" + TaskFolderLayout.workerLog(slot);
            try {
                file = files.writeWorkerLog(taskId, slot);
                out = new CappedLog(name, maxLogBytes, 0, file::append);
            } catch (UncheckedIOException e) {
                log.warn("task {}: cannot write {}: {}", taskId, name, e.getMessage());
                problem(name + ": cannot write: " + CappedLog.reason(e));
            }
        }

        void feed(byte[] chunk) {
            if (out != null) {
                lines.feed(chunk).forEach(this::add);
            }
        }

        private void add(String line) {
            CappedLog out = Objects.requireNonNull(this.out); // only called while it is open
            out.add(out.truncated() ? line : scrubber.apply(line));
        }

        void finish() {
            if (out != null) {
                lines.rest().ifPresent(this::add);
                TaskEvidence.this.finish(out, Objects.requireNonNull(file)); // opened with out
            }
        }
    }
}
