package io.atq.director.reaper;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.IllegalPhaseTransitionException;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.validation.Admission;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.events.EventPublishException;
import io.atq.director.events.TaskEvents;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.PhaseRecorder;
import io.atq.director.orchestration.RunSettings;
import io.atq.director.orchestration.TaskRemoval;
import io.atq.director.orchestration.TaskRun;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.orchestration.TaskRuns;
import io.atq.director.swarm.NetworkDefinition;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import io.atq.director.swarm.SwarmObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The periodic reconciler: lists every service and network labelled with this director's {@code atq.instance},
 * asks {@link ReapDecision} what to do per task, and does it. Removals and takeovers run on their own virtual thread
 * (registered with the {@link TaskRunner}, so the next pass and intake skip them). A takeover first creates the claim
 * network {@code atq-<task>-claim-<n>}: Swarm keeps network names unique, so of several survivors exactly one wins;
 * the others skip the task (DEBUG). The winner runs the task on with the same engine as a fresh run
 * ({@link TaskRun} from the step after the logged phase, with the request from the task log). Nothing is done before
 * the ledger has caught up with the task log. Passes run one at a time (periodically, and when a lease expires).
 */
public final class ReapOrphanedTasks implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReapOrphanedTasks.class);

    private final RunSettings settings;
    private final SwarmClient swarm;
    private final TaskLedger ledger;
    private final Leases leases;
    private final ReapDecision decision;
    private final TaskRunner runner;
    private final TaskEvents events;
    private final TaskRuns runs;
    private final TaskRemoval removal;
    private final TaskSpecValidator validator;
    private final Clock clock;

    public ReapOrphanedTasks(RunSettings settings, SwarmClient swarm, TaskLedger ledger, Leases leases, ReapDecision decision,
                             TaskRunner runner, TaskEvents events, TaskRuns runs, TaskRemoval removal, TaskSpecValidator validator,
                             Clock clock) {
        this.settings = settings;
        this.swarm = swarm;
        this.ledger = ledger;
        this.leases = leases;
        this.decision = decision;
        this.runner = runner;
        this.events = events;
        this.runs = runs;
        this.removal = removal;
        this.validator = validator;
        this.clock = clock;
    }

    /** One pass; never throws (a failing Docker or broker just means: next time). */
    @Override
    public void run() {
        pass();
    }

    /**
     * One pass; never throws.
     *
     * @return false when it could not look at the tasks (the task log not caught up yet, Docker away)
     */
    public synchronized boolean pass() {
        if (!ledger.isCaughtUp()) {
            return false;
        }
        try {
            List<SwarmObject> objects = new ArrayList<>(swarm.listServices(settings.instance(), null));
            objects.addAll(swarm.listNetworks(settings.instance(), null));
            Instant now = clock.instant();
            for (ReapAction action : decision.decide(TaskObjects.group(objects), ledger, leases, runner::isRunning,
                    new SwarmDirectors(swarm), now)) {
                act(action);
            }
            return true;
        } catch (SwarmException e) {
            log.warn("reaper pass skipped: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("reaper pass failed", e);
            return true;
        }
    }

    private void act(ReapAction action) {
        TaskId taskId = action.task().taskId();
        switch (action) {
            case ReapAction.Leave leave -> log.trace("task {}: reaper leaves it: {}", taskId, leave.reason());
            case ReapAction.Remove remove -> runner.adopt(taskId, () -> {
                log.info("task {}: reaper removes {} object(s): {}", taskId, remove.task().objects().size(), remove.reason());
                TaskRemoval.Result result = removal.removeAll(taskId);
                if (remove.reportCleanup()) {
                    report(taskId, result);
                }
            });
            case ReapAction.TakeOver take -> runner.adopt(taskId, () -> {
                if (!claim(take)) {
                    return;
                }
                Optional<TaskRequested> request = ledger.openRequest(taskId);
                if (request.isEmpty()) {
                    fail(take, "the task's request is no longer in the task log", Failure.of(FailureCause.INFRA, "director "
                            + take.deadOwner() + " died during " + take.lastPhase() + " and the task's request is no longer in the task log"));
                    return;
                }
                // This director admits the request as its own intake would: its whitelist decides what the task runs.
                switch (validator.admit(request.get().spec())) {
                    case Admission.Refused refused -> fail(take, "this director's whitelist refuses it",
                            Failure.of(FailureCause.CONFIG, "director " + take.deadOwner() + " died during " + take.lastPhase()
                                    + " and director " + settings.directorId() + " may not run the task: " + refused.violations()));
                    // The same engine as a fresh run, from the step after the logged phase (TaskRun adopts what exists).
                    case Admission.Admitted admitted -> runs.create(request.get(), admitted.spec(),
                            TaskRun.Start.takenOver(take.lastPhase(), take.deadOwner())).run();
                }
            });
        }
    }

    /** Creates claim network n; false when another director got there first. */
    private boolean claim(ReapAction.TakeOver take) {
        TaskId taskId = take.task().taskId();
        Map<String, String> labels = new HashMap<>(Map.of(
                Labels.TASK, taskId.value(),
                Labels.ROLE, TaskObjects.CLAIM_ROLE,
                Labels.INSTANCE, settings.instance(),
                Labels.MANAGED, "true",
                Labels.OWNER, settings.directorId()));
        take.task().deadline().ifPresent(d -> labels.put(Labels.DEADLINE, d.toString()));
        String name = taskId.claimName(take.claim());
        try {
            if (swarm.createNetworkIfAbsent(new NetworkDefinition(name, labels)).isPresent()) {
                log.info("task {}: claimed it ({}): its owner {} has no live lease", taskId, name, take.deadOwner());
                return true;
            }
            log.debug("task {}: another director claimed it first ({})", taskId, name);
        } catch (SwarmException e) {
            log.warn("task {}: cannot claim it: {}", taskId, e.getMessage());
        }
        return false;
    }

    /**
     * A taken-over task that cannot run here: the task log no longer holds its request (past its retention), so there
     * is nothing to run it from, or this director's whitelist refuses it. It ends {@code FAILED} naming why, and its
     * objects are removed.
     */
    private void fail(ReapAction.TakeOver take, String why, Failure failure) {
        TaskId taskId = take.task().taskId();
        log.warn("task {}: taken over from {} but {}; failing it", taskId, take.deadOwner(), why);
        try {
            new PhaseRecorder(taskId, clock.instant(), settings.directorId(), events, clock, take.lastPhase(), PhaseRecorder.Reporting.ALL)
                    .move(Phase.FAILED, failure);
        } catch (EventPublishException | IllegalPhaseTransitionException e) {
            log.warn("task {}: cannot record FAILED: {}", taskId, e.getMessage());
        }
        report(taskId, removal.removeAll(taskId));
    }

    private void report(TaskId taskId, TaskRemoval.Result result) {
        try {
            events.cleanedUp(new TaskCleanedUp(taskId, clock.instant(), settings.directorId(), result.complete(), result.message()));
        } catch (EventPublishException e) {
            log.warn("task {}: cannot record the reaper's clean-up: {}", taskId, e.getMessage());
        }
    }
}
