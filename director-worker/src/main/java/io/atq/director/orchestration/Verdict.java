package io.atq.director.orchestration;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * The terminal phase of a task whose master ended, from what is known — whoever observes the exit: the director that
 * started the master, or one that took the task over after that director died (perhaps while it was stopping the
 * master). Pure. In this order:
 *
 * <ol>
 *   <li>a cancel was requested and the master exited non-zero → {@code CANCELLED}: the platform stopped it;</li>
 *   <li>the master ended at or after the task's deadline → {@code TIMED_OUT}: the platform stops a master at its
 *       deadline, so an exit then (137 after SIGKILL, 143 after SIGTERM, even 0 from a master that finished its
 *       report on SIGTERM) is the platform's doing, never the test's;</li>
 *   <li>exit 0 → {@code SUCCEEDED};</li>
 *   <li>exit 143 or 137 (SIGTERM, SIGKILL) that ATQ did not send (no cancel, before the deadline) → {@code FAILED}
 *       with cause {@code INFRA}: something outside the test stopped it — the Docker engine restarting (it kills the
 *       containers it finds at start-up), a node drained, the kernel's OOM killer at the container's memory limit;</li>
 *   <li>any other exit → {@code FAILED} with cause {@code TEST}.</li>
 * </ol>
 * When Swarm did not say when the master ended, the time it was observed stands in.
 */
public final class Verdict {
    /** 128 + SIGTERM: how a process stopped by {@code docker stop} (and by an engine shutting down) exits. */
    static final int SIGTERM_EXIT = 143;
    /** 128 + SIGKILL: the end of a stop's grace period, or the OOM killer. */
    static final int SIGKILL_EXIT = 137;
    private Verdict() {
    }

    /**
     * The terminal move and its failure (null for {@code SUCCEEDED}).
     *
     * @param phase   the phase the master was observed ending in (for messages: "timed out in RUNNING")
     * @param failure why it did not succeed
     */
    public record Outcome(Phase phase, @Nullable Failure failure) {
    }

    /**
     * @param in        the phase the task is in when the exit is observed ({@code RUNNING} or {@code COLLECTING}…)
     * @param exitCode  the master's exit code
     * @param endedAt   when Swarm says the master ended
     * @param observed  when the exit was observed
     * @param deadline  the task's deadline
     * @param cancelled whether a cancel of the task was requested
     */
    public static Outcome ofMasterExit(Phase in, int exitCode, @Nullable Instant endedAt, Instant observed, Instant deadline, boolean cancelled) {
        if (cancelled && exitCode != 0) {
            return new Outcome(Phase.CANCELLED, Failure.because("cancelled in " + in));
        }
        Instant ended = endedAt != null ? endedAt : observed;
        if (!ended.isBefore(deadline)) {
            return new Outcome(Phase.TIMED_OUT, Failure.because("timed out in " + in + ": the task's deadline " + deadline
                    + " passed (the master ended at " + ended + " with exit " + exitCode + ")"));
        }
        if (exitCode == 0) {
            return new Outcome(Phase.SUCCEEDED, null);
        }
        if (exitCode == SIGTERM_EXIT || exitCode == SIGKILL_EXIT) {
            return new Outcome(Phase.FAILED, Failure.of(FailureCause.INFRA, "the master was killed (exit " + exitCode
                    + ", SIG" + (exitCode == SIGTERM_EXIT ? "TERM" : "KILL") + ") by something other than ATQ: the Docker engine"
                    + " restarted, its node was drained, or" + (exitCode == SIGKILL_EXIT ? " it ran out of memory at its limit, or" : "")
                    + " it was killed from outside"));
        }
        return new Outcome(Phase.FAILED, Failure.of(FailureCause.TEST, "the master exited with " + exitCode));
    }
}
