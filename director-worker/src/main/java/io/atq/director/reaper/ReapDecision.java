package io.atq.director.reaper;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.ledger.TaskLedger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The reaper's judgement, pure: a function of the labelled objects, the task log (ledger), the leases and the time.
 * Only objects of this director's own {@code atq.instance} are ever passed in (the lister filters by that label).
 *
 * A director is gone when it is this one, or when its lease ran out and it either said it left or Swarm does not run it
 * either.
 *
 * <ul>
 *   <li>runs on this director right now → leave (its run removes them);</li>
 *   <li>terminal in the log → remove once the owner reported a removal, is dead, or is this director;</li>
 *   <li>unknown to the log → remove unless a live other director owns them (it may be a moment ahead of the log);</li>
 *   <li>not terminal, owner dead (or this director, but no run here) → take over (the run goes on from the logged phase);</li>
 *   <li>not terminal, live owner, past deadline + grace → remove (the owner is stuck; its run then ends itself);</li>
 *   <li>otherwise → leave.</li>
 * </ul>
 */
public final class ReapDecision {
    private final String self;
    private final Duration deadlineGrace;

    /**
     * @param self          this director's id
     * @param deadlineGrace how long past a task's deadline its owner may still be finishing
     */
    public ReapDecision(String self, Duration deadlineGrace) {
        this.self = self;
        this.deadlineGrace = deadlineGrace;
    }

    /**
     * Decides for every task.
     *
     * @param runsInSwarm whether Swarm still runs a director whose lease ran out (asked only then): its heartbeats may
     *                    be stuck in a broker that lost a node while it goes on running its tasks ({@code owner -> false}:
     *                    the leases alone decide)
     */
    public List<ReapAction> decide(List<TaskObjects> tasks, TaskLedger ledger, Leases leases, Predicate<TaskId> runningHere,
                                   Predicate<String> runsInSwarm, Instant now) {
        return tasks.stream().map(task -> decide(task, ledger, leases, runningHere, runsInSwarm, now)).toList();
    }

    ReapAction decide(TaskObjects task, TaskLedger ledger, Leases leases, Predicate<TaskId> runningHere,
                      Predicate<String> runsInSwarm, Instant now) {
        TaskId id = task.taskId();
        if (runningHere.test(id)) {
            return new ReapAction.Leave(task, "runs on this director");
        }
        String owner = task.owner();
        boolean ownerGone = self.equals(owner)
                || !leases.isAlive(owner, now) && (leases.hasLeft(owner) || !runsInSwarm.test(owner));
        if (ledger.isTerminal(id)) {
            if (ledger.isCleanupReported(id) || ownerGone) {
                return new ReapAction.Remove(task, "task is " + ledger.progress(id).orElseThrow().phase(), !ledger.isCleanedUp(id));
            }
            return new ReapAction.Leave(task, "its owner " + owner + " is still removing it");
        }
        if (!ledger.isKnown(id)) {
            return ownerGone ? new ReapAction.Remove(task, "task unknown to the task log", false)
                    : new ReapAction.Leave(task, "unknown yet, owned by live director " + owner);
        }
        boolean pastDeadline = task.deadline().map(d -> now.isAfter(d.plus(deadlineGrace))).orElse(false);
        Phase last = ledger.progress(id).map(TaskLedger.Progress::phase).orElse(Phase.QUEUED);
        if (ownerGone) {
            return new ReapAction.TakeOver(task, last, owner, task.generation() + 1);
        }
        if (pastDeadline) {
            return new ReapAction.Remove(task, "past its deadline " + task.deadline().orElseThrow() + " + " + deadlineGrace, false);
        }
        return new ReapAction.Leave(task, "owned by live director " + owner);
    }
}
