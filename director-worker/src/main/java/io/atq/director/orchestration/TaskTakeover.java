package io.atq.director.orchestration;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.director.events.EventPublishException;
import io.atq.director.events.TaskEvents;
import io.atq.director.swarm.ReplicaStatus;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import io.atq.director.swarm.SwarmObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Ends a task whose director died, after this director claimed it. Continues from the last phase the task log shows:
 * a master already created (STARTING_MASTER, RUNNING, or done in COLLECTING) is awaited and its verdict recorded, as
 * the dead director would have; any earlier phase is failed ({@code FAILED}/{@code INFRA}, naming the dead director and the phase), because
 * redoing a half-built environment is not worth its risk. Past the deadline it ends {@code TIMED_OUT}. Then every
 * object of the task is removed. Moves start from the logged phase, so no phase is recorded twice or out of order.
 */
public final class TaskTakeover {
    private static final Logger log = LoggerFactory.getLogger(TaskTakeover.class);

    /**
     * What to take over.
     *
     * @param taskId       the task
     * @param lastPhase    the last phase in the task log
     * @param deadOwner    the director that died
     * @param deadline     the task's deadline (its {@code atq.deadline} label), or null if unknown
     * @param pastDeadline whether the reaper found it past deadline plus grace
     */
    public record Orphan(String taskId, Phase lastPhase, String deadOwner, Instant deadline, boolean pastDeadline) {
    }

    private final RunSettings settings;
    private final SwarmClient swarm;
    private final TaskEvents events;
    private final TaskFiles files;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CancelSignal cancel;
    private PhaseObserver observer = PhaseObserver.NONE;
    private Function<String, UnaryOperator<String>> scrubbers = taskId -> UnaryOperator.identity();

    public TaskTakeover(RunSettings settings, SwarmClient swarm, TaskEvents events, TaskFiles files, Clock clock, Sleeper sleeper,
                        CancelSignal cancel) {
        this.settings = settings;
        this.swarm = swarm;
        this.events = events;
        this.files = files;
        this.clock = clock;
        this.sleeper = sleeper;
        this.cancel = cancel;
    }

    /** Tells {@code observer} of every phase move this records (see {@link PhaseObserver}). */
    public TaskTakeover observedBy(PhaseObserver observer) {
        this.observer = observer;
        return this;
    }

    /** Masks secret values in the log lines it writes: {@code scrubbers} gives the scrubber of a task id. */
    public TaskTakeover scrubbingWith(Function<String, UnaryOperator<String>> scrubbers) {
        this.scrubbers = scrubbers;
        return this;
    }

    /** Ends the task and removes its objects. Never throws. */
    public void run(Orphan orphan) {
        String taskId = orphan.taskId();
        log.info("task {}: taking over from dead director {} in {}", taskId, orphan.deadOwner(), orphan.lastPhase());
        TaskEvidence evidence = new TaskEvidence(taskId, swarm, files, scrubbers.apply(taskId), settings.maxLogBytes());
        PhaseRecorder phases = new PhaseRecorder(taskId, clock.instant(), settings.directorId(), events, clock, orphan.lastPhase())
                .observedBy(observer)
                .reportingEvidence(evidence::evidence);
        try {
            if (!orphan.lastPhase().isTerminal()) {
                end(orphan, phases, evidence);
                if (phases.current().isTerminal() && phases.enteredAt() != null) {
                    evidence.markEnded(phases.enteredAt());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failQuietly(phases, Failure.of(FailureCause.INFRA, "director " + settings.directorId() + " stopped while taking over"));
        } catch (SwarmException | EventPublishException e) {
            failQuietly(phases, Failure.of(FailureCause.INFRA, "takeover of " + orphan.lastPhase() + " failed: " + e.getMessage()));
        } catch (Throwable e) {
            // Anything else, Errors included (an OutOfMemoryError must not leave the task without a verdict).
            log.error("task {}: unexpected failure while taking over", taskId, e);
            failQuietly(phases, Failure.of(FailureCause.INFRA, "takeover failed: " + e));
        }
        boolean interrupted = Thread.interrupted();
        TaskRemoval.Result removal = new TaskRemoval(swarm, settings.instance(), settings.pollInterval(), settings.cleanup(), clock, sleeper)
                .removeAll(taskId);
        try {
            events.cleanedUp(new TaskCleanedUp(taskId, clock.instant(), settings.directorId(), removal.complete(), removal.message()));
        } catch (EventPublishException e) {
            log.error("task {}: cannot record the clean-up: {}", taskId, e.getMessage());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void end(Orphan orphan, PhaseRecorder phases, TaskEvidence evidence) throws InterruptedException {
        String died = "director " + orphan.deadOwner() + " died during " + orphan.lastPhase();
        if (orphan.pastDeadline()) {
            evidence.notCollected("the task was past its deadline when taken over from " + orphan.deadOwner());
            phases.move(Phase.TIMED_OUT, Failure.because("timed out in " + orphan.lastPhase() + ": the deadline "
                    + orphan.deadline() + " passed and " + died));
            return;
        }
        Optional<String> master = swarm.listServices(settings.instance(), orphan.taskId()).stream()
                .filter(s -> Labels.Role.MASTER.label().equals(s.role())).map(SwarmObject::id).findFirst();
        boolean masterCreated = orphan.lastPhase() == Phase.STARTING_MASTER || orphan.lastPhase() == Phase.RUNNING
                || orphan.lastPhase() == Phase.COLLECTING;
        if (master.isEmpty() || !masterCreated) {
            phases.move(Phase.FAILED, Failure.of(FailureCause.INFRA, died));
            return;
        }
        if (phases.current() == Phase.STARTING_MASTER && !awaitStarted(orphan, phases, master.get())) {
            return;
        }
        // The master runs on without its director: wait for its verdict as the dead director would have.
        Optional<ReplicaStatus> ended = awaitEnd(orphan, master.get());
        if (ended.isEmpty()) {
            Phase terminal = cancel.isCancelled(orphan.taskId()) ? Phase.CANCELLED : Phase.TIMED_OUT;
            // Logs first: the terminal phase tells clients the evidence is complete.
            collect(orphan, master.get(), evidence);
            phases.move(terminal, Failure.because(terminal == Phase.CANCELLED ? "cancelled in " + phases.current()
                    : "timed out in " + phases.current() + ": the task's deadline " + orphan.deadline() + " passed (taken over from " + orphan.deadOwner() + ")"));
            return;
        }
        ReplicaStatus status = ended.get();
        if (!status.exited()) {
            collect(orphan, master.get(), evidence);
            phases.move(Phase.FAILED, Failure.of(FailureCause.INFRA, "master task ended: " + status.describe()));
            return;
        }
        phases.exitCode(status.exitCode());
        if (phases.current() == Phase.RUNNING) {
            phases.move(Phase.COLLECTING);
        }
        collect(orphan, master.get(), evidence);
        if (status.exitCode() == 0) {
            phases.move(Phase.SUCCEEDED);
        } else {
            phases.move(Phase.FAILED, Failure.of(FailureCause.TEST, "the master exited with " + status.exitCode()));
        }
    }

    /**
     * The dead director created the master but did not see it run: wait (the master-start budget) until it runs or
     * exited, then record RUNNING. False when the task ended here instead.
     */
    private boolean awaitStarted(Orphan orphan, PhaseRecorder phases, String masterId) throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.masterStart());
        if (orphan.deadline() != null && orphan.deadline().isBefore(deadline)) {
            deadline = orphan.deadline();
        }
        while (true) {
            Optional<ReplicaStatus> master = swarm.serviceTasks(masterId).stream().findFirst();
            if (master.isPresent() && (master.get().state() == io.atq.director.swarm.ReplicaState.RUNNING || master.get().exited())) {
                phases.move(Phase.RUNNING);
                return true;
            }
            if (master.isPresent() && master.get().state().ended()) {
                phases.move(Phase.FAILED, Failure.of(FailureCause.INFRA, "master task ended: " + master.get().describe()));
                return false;
            }
            if (cancel.isCancelled(orphan.taskId())) {
                phases.move(Phase.CANCELLED, Failure.because("cancelled in STARTING_MASTER"));
                return false;
            }
            if (!clock.instant().isBefore(deadline)) {
                phases.move(Phase.TIMED_OUT, Failure.because("timed out in STARTING_MASTER: the master did not start (taken over from "
                        + orphan.deadOwner() + ")"));
                return false;
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    /** Polls the master until it ended; empty on a cancel or the task's deadline. */
    private Optional<ReplicaStatus> awaitEnd(Orphan orphan, String masterId) throws InterruptedException {
        while (true) {
            Optional<ReplicaStatus> master = swarm.serviceTasks(masterId).stream().findFirst().filter(m -> m.state().ended());
            if (master.isPresent()) {
                return master;
            }
            if (cancel.isCancelled(orphan.taskId()) || (orphan.deadline() != null && !clock.instant().isBefore(orphan.deadline()))) {
                return Optional.empty();
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    /** Completes the master's log (the dead director may have begun it) and writes every worker's log. */
    private void collect(Orphan orphan, String masterId, TaskEvidence evidence) {
        evidence.completeMasterLog(masterId);
        try {
            swarm.listServices(settings.instance(), orphan.taskId()).stream()
                    .filter(s -> Labels.Role.WORKER.label().equals(s.role()))
                    .findFirst()
                    .ifPresent(workers -> evidence.collectWorkerLogs(workers.id()));
        } catch (SwarmException e) {
            log.warn("task {}: cannot find the workers to collect their logs: {}", orphan.taskId(), e.getMessage());
        }
    }

    private void failQuietly(PhaseRecorder phases, Failure failure) {
        if (phases.current().isTerminal()) {
            return;
        }
        try {
            phases.move(Phase.FAILED, failure);
        } catch (EventPublishException e) {
            log.error("task {}: cannot record FAILED: {}", e.getTaskId(), e.getMessage());
        } catch (RuntimeException | Error e) {
            log.error("cannot record FAILED ({})", failure.message(), e);
        }
    }
}
