package io.atq.contracts.phase;

/** Why a task ended {@link Phase#FAILED}. */
public enum FailureCause {
    /** The master ran and exited non-zero: the test itself failed. */
    TEST,
    /** The platform failed: image missing, placement, a worker died, readiness never reached, Docker errors. */
    INFRA,
    /** A director refused the spec (for example an image outside its whitelist). */
    CONFIG
}
