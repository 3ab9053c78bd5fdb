package io.atq.contracts.messages;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Event from a director: a task entered {@code phase}.
 *
 * @param taskId          the task
 * @param phase           the phase entered
 * @param at              when (director clock)
 * @param director        the id of the director that made the move
 * @param workerAddresses the workers' addresses once discovered (from {@code STARTING_MASTER} on), else empty
 * @param exitCode        the master's exit code, once known
 * @param failure         why the task did not succeed, on {@code FAILED}, {@code TIMED_OUT} and {@code CANCELLED}
 * @param images          the image each role actually ran, by role name ({@code worker}, {@code master}):
 *                        the repo digest when the image has one, else its local image id; empty until known
 * @param evidence        on a terminal phase, whether the task's logs were kept whole and what is missing; {@code null}
 *                        on other phases and from directors that do not report it
 * @param nodes           the Swarm node (its hostname) each container ran on, by {@code worker-<slot>} and
 *                        {@code master}, from {@code RUNNING} on; empty until known and from directors that do not
 *                        report it
 * @param summary         on a terminal phase, what the master reported in {@code results/summary.json}; {@code null}
 *                        when it wrote none (or an unusable one: then {@code evidence} says why), on other phases and
 *                        from directors that do not read it
 * @param results         on a terminal phase, the headline of the results files the director read and merged, with
 *                        every threshold's outcome; {@code null} when the task wrote no results file and set no
 *                        threshold, on other phases and from directors that do not read them
 */
public record TaskPhaseChanged(TaskId taskId, Phase phase, Instant at, String director,
                               List<String> workerAddresses, @Nullable Integer exitCode, @Nullable Failure failure,
                               Map<String, String> images, @Nullable Evidence evidence,
                               Map<String, String> nodes, @Nullable ResultSummary summary,
                               @Nullable ResultsHeadline results) implements TaskMessage {
    public TaskPhaseChanged {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(at, "at");
        workerAddresses = workerAddresses == null ? List.of() : List.copyOf(workerAddresses);
        images = images == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(images));
        nodes = nodes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    /** A move that says nothing about the merged results. */
    public TaskPhaseChanged(TaskId taskId, Phase phase, Instant at, String director, List<String> workerAddresses,
                            @Nullable Integer exitCode, @Nullable Failure failure, Map<String, String> images,
                            @Nullable Evidence evidence, Map<String, String> nodes, @Nullable ResultSummary summary) {
        this(taskId, phase, at, director, workerAddresses, exitCode, failure, images, evidence, nodes, summary, null);
    }

    /** A move that says nothing about the master's summary. */
    public TaskPhaseChanged(TaskId taskId, Phase phase, Instant at, String director, List<String> workerAddresses,
                            @Nullable Integer exitCode, @Nullable Failure failure, Map<String, String> images,
                            @Nullable Evidence evidence, Map<String, String> nodes) {
        this(taskId, phase, at, director, workerAddresses, exitCode, failure, images, evidence, nodes, null, null);
    }

    /** A move that says nothing about the nodes. */
    public TaskPhaseChanged(TaskId taskId, Phase phase, Instant at, String director, List<String> workerAddresses,
                            @Nullable Integer exitCode, @Nullable Failure failure, Map<String, String> images,
                            @Nullable Evidence evidence) {
        this(taskId, phase, at, director, workerAddresses, exitCode, failure, images, evidence, Map.of());
    }

    /** A move that says nothing about the evidence. */
    public TaskPhaseChanged(TaskId taskId, Phase phase, Instant at, String director,
                            List<String> workerAddresses, @Nullable Integer exitCode, @Nullable Failure failure, Map<String, String> images) {
        this(taskId, phase, at, director, workerAddresses, exitCode, failure, images, null);
    }

    /** A move with no image detail. */
    public TaskPhaseChanged(TaskId taskId, Phase phase, Instant at, String director,
                            List<String> workerAddresses, @Nullable Integer exitCode, @Nullable Failure failure) {
        this(taskId, phase, at, director, workerAddresses, exitCode, failure, Map.of());
    }

    /** A plain move with no detail. */
    public static TaskPhaseChanged of(TaskId taskId, Phase phase, Instant at, String director) {
        return new TaskPhaseChanged(taskId, phase, at, director, List.of(), null, null, Map.of(), null, Map.of(), null, null);
    }
}
