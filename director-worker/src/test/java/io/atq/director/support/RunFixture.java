package io.atq.director.support;

import io.atq.contracts.images.ImageReference;
import io.atq.contracts.messages.TaskRequested;
import io.atq.director.capacity.Capacity;
import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.validation.AdmittedImage;
import io.atq.contracts.validation.AdmittedSpec;
import io.atq.director.orchestration.RunSettings;
import io.atq.director.orchestration.HandOver;
import io.atq.director.orchestration.PausePoint;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.RunTools;
import io.atq.director.orchestration.Sleeper;
import io.atq.director.orchestration.TaskRun;
import io.atq.testfixtures.TaskRequests;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** A task run wired to fakes: fake swarm, recording events, in-memory files, a clock that sleeping advances. */
public final class RunFixture {
    public static final String INSTANCE = "atq-unit";
    public static final String DIRECTOR = "director-1";

    public final Journal journal = new Journal();
    public final FakeSwarmClient swarm = new FakeSwarmClient(journal);
    public final RecordingTaskEvents events = new RecordingTaskEvents(journal);
    public final FakeTaskFiles files = new FakeTaskFiles(journal);
    public final FakeTaskResults results = new FakeTaskResults(journal);
    public final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
    public final Set<TaskId> cancelled = new HashSet<>();
    /** Begin it (and interrupt the run) to stop the director as one that hands its tasks over. */
    public final HandOver handOver = new HandOver();
    public RunSettings settings = new RunSettings(INSTANCE, DIRECTOR, Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(1));

    /** Room for everything the tests run; nobody listens. */
    public final Capacity capacity = new Capacity(100, 10_000, reason -> {
    });

    public TaskRequests request() {
        return TaskRequests.aTaskRequest().requestedAt(clock.instant());
    }

    public TaskRun runFor(TaskRequested request) {
        return runFor(request, TaskRun.Start.FRESH);
    }

    public TaskRun runFor(TaskRequested request, TaskRun.Start start) {
        return new TaskRun(request, admitted(request), start, events, tools());
    }

    /** The run of a request intake admitted (what {@link io.atq.director.orchestration.TaskRunner} is given). */
    public TaskRun runFor(TaskRequested request, AdmittedSpec admitted) {
        return runFor(request, admitted, TaskRun.Start.FRESH);
    }

    /** As {@link io.atq.director.orchestration.TaskRuns} makes runs. */
    public TaskRun runFor(TaskRequested request, AdmittedSpec admitted, TaskRun.Start start) {
        return new TaskRun(request, admitted, start, events, tools());
    }

    private RunTools tools() {
        // Sleeping answers an interrupt as Thread.sleep does: that is how a stopping director reaches its runs.
        Sleeper sleeper = pause -> {
            if (Thread.interrupted()) {
                throw new InterruptedException("the director is stopping");
            }
            clock.sleeper().sleep(pause);
        };
        return new RunTools(settings, TaskRequests.CONFIG, swarm, files, results, clock, sleeper, cancelled::contains, PausePoint.NONE,
                PhaseObserver.NONE, handOver);
    }

    /**
     * The request's images as a director with {@link TaskRequests#CONFIG} admits them. Only the images: a run test may
     * go past the other limits (50 workers) to exercise the engine.
     */
    public static AdmittedSpec admitted(TaskRequested request) {
        return new AdmittedSpec(request.spec(), image(request.spec().workers().image()), image(request.spec().master().image()));
    }

    private static AdmittedImage image(String requested) {
        ImageReference reference = ImageReference.parse(requested);
        return new AdmittedImage(requested, reference, TaskRequests.CONFIG.ruleFor(reference)
                .orElseThrow(() -> new IllegalArgumentException(requested + " is not in the test whitelist")));
    }

    /** Runs a task taken over from {@code deadOwner} after {@code lastPhase} to the end on this thread. */
    public TaskRun takeOver(TaskRequested request, io.atq.contracts.phase.Phase lastPhase, String deadOwner) {
        TaskRun run = runFor(request, TaskRun.Start.takenOver(lastPhase, deadOwner));
        run.run();
        return run;
    }

    /** Runs it to the end on this thread. */
    public TaskRun run(TaskRequested request) {
        TaskRun run = runFor(request);
        run.run();
        return run;
    }
}
