package io.atq.gateway.tasks;

import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.ResultSummary;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.phase.Phase;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One phase a task entered, with what the move carried (kept so an event stream can replay it).
 *
 * @param phase           the phase entered
 * @param at              when
 * @param director        the director that made the move ({@code null} for {@code QUEUED})
 * @param workerAddresses the workers' addresses the move carried, else empty
 * @param exitCode        the master's exit code the move carried
 * @param failure         why the task did not succeed, if the move said
 * @param images          the image each role ran (role → digest or id) as the move reported it, else empty
 * @param evidence        on a terminal move, whether the task's logs were kept whole (null when not reported)
 * @param nodes           the node each container ran on ({@code worker-<slot>}, {@code master} → hostname) as the move
 *                        reported it, else empty
 * @param summary         on a terminal move, what the master reported in {@code results/summary.json} (null when none)
 * @param results         on a terminal move, the headline of the results the director merged, with the thresholds'
 *                        outcomes (null when it reported none); never kept on another move
 */
public record PhaseEntry(Phase phase, Instant at, @Nullable String director, List<String> workerAddresses, @Nullable Integer exitCode,
                         @Nullable Failure failure, Map<String, String> images, @Nullable Evidence evidence,
                         Map<String, String> nodes, @Nullable ResultSummary summary, @Nullable CompactHeadline results) {
    public PhaseEntry {
        workerAddresses = workerAddresses == null ? List.of() : List.copyOf(workerAddresses);
        images = images == null ? Map.of() : Map.copyOf(images);
        nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
    }

    /** An entry that says nothing about the merged results. */
    public PhaseEntry(Phase phase, Instant at, @Nullable String director, List<String> workerAddresses, @Nullable Integer exitCode,
                      @Nullable Failure failure, Map<String, String> images, @Nullable Evidence evidence,
                      Map<String, String> nodes, @Nullable ResultSummary summary) {
        this(phase, at, director, workerAddresses, exitCode, failure, images, evidence, nodes, summary, null);
    }

    /** An entry that says nothing about the master's summary. */
    public PhaseEntry(Phase phase, Instant at, @Nullable String director, List<String> workerAddresses, @Nullable Integer exitCode,
                      @Nullable Failure failure, Map<String, String> images, @Nullable Evidence evidence, Map<String, String> nodes) {
        this(phase, at, director, workerAddresses, exitCode, failure, images, evidence, nodes, null);
    }

    /** An entry that says nothing about the nodes. */
    public PhaseEntry(Phase phase, Instant at, @Nullable String director, List<String> workerAddresses, @Nullable Integer exitCode,
                      @Nullable Failure failure, Map<String, String> images, @Nullable Evidence evidence) {
        this(phase, at, director, workerAddresses, exitCode, failure, images, evidence, Map.of());
    }

    /** An entry that says nothing about the evidence. */
    public PhaseEntry(Phase phase, Instant at, @Nullable String director, List<String> workerAddresses, @Nullable Integer exitCode,
                      @Nullable Failure failure, Map<String, String> images) {
        this(phase, at, director, workerAddresses, exitCode, failure, images, null);
    }

    /** An entry without image detail. */
    public PhaseEntry(Phase phase, Instant at, @Nullable String director, List<String> workerAddresses, @Nullable Integer exitCode,
                      @Nullable Failure failure) {
        this(phase, at, director, workerAddresses, exitCode, failure, Map.of());
    }

    /** The merged results' headline as the move carried it, or null. */
    public @Nullable ResultsHeadline resultsHeadline() {
        return results == null ? null : results.headline();
    }

    /** The implied first entry: QUEUED when the gateway accepted the request. */
    static PhaseEntry queued(TaskRequested requested) {
        return new PhaseEntry(Phase.QUEUED, requested.requestedAt(), null, List.of(), null, null);
    }

    /** The entry of {@code change}, a move of the task that requested {@code spec}. */
    static PhaseEntry of(TaskPhaseChanged change, TaskSpec spec) {
        // Only an ended task's headline is kept: a read model of ~100k tasks holds no more than it shows.
        CompactHeadline results = change.results() != null && change.phase().isTerminal()
                ? CompactHeadline.of(change.results(), spec) : null;
        return new PhaseEntry(change.phase(), change.at(), change.director(), change.workerAddresses(),
                change.exitCode(), change.failure(), change.images(), change.evidence(), change.nodes(), change.summary(),
                results);
    }
}
