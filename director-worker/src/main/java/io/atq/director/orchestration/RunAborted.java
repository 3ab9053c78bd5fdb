package io.atq.director.orchestration;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;

/**
 * A run ends before its verdict: the terminal phase to record and why. Control flow, so no stack trace.
 * Never retried: the decision is made.
 */
public final class RunAborted extends Exception {
    private final Phase terminal;
    private final Failure failure;

    private RunAborted(Phase terminal, Failure failure) {
        super(terminal + ": " + failure.message(), null, false, false);
        this.terminal = terminal;
        this.failure = failure;
    }

    /** {@code FAILED} with a cause. */
    public static RunAborted failed(FailureCause cause, String message) {
        return new RunAborted(Phase.FAILED, Failure.of(cause, message));
    }

    /** {@code TIMED_OUT} in {@code phase}. */
    public static RunAborted timedOut(Phase phase, String reason) {
        return new RunAborted(Phase.TIMED_OUT, Failure.because("timed out in " + phase + ": " + reason));
    }

    /** {@code CANCELLED} in {@code phase}. */
    public static RunAborted cancelled(Phase phase) {
        return new RunAborted(Phase.CANCELLED, Failure.because("cancelled in " + phase));
    }

    /** The same decision with more detail appended to its message (e.g. the probe's last output). */
    public RunAborted withDetail(String detail) {
        return new RunAborted(terminal, new Failure(failure.cause(), failure.message() + detail));
    }

    public Phase terminal() {
        return terminal;
    }

    public Failure failure() {
        return failure;
    }
}
