package io.atq.director.outage;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Docker's availability as the {@code docker} circuit breaker sees it, told to the {@link IntakeSwitch} on every
 * state transition. Half-open counts as unavailable: a request taken then would be the test call, and fail with the
 * task if Docker is still away.
 */
public final class CircuitDrivesIntake {
    private CircuitDrivesIntake() {
    }

    /** Makes every state transition of {@code docker} reach {@code intakeSwitch}. */
    public static void connect(CircuitBreaker docker, IntakeSwitch intakeSwitch) {
        docker.getEventPublisher().onStateTransition(event -> intakeSwitch.dockerAvailable(permitsCalls(event.getStateTransition().getToState())));
    }

    /** Whether Docker counts as available in {@code state}. */
    static boolean permitsCalls(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> true;
            case OPEN, HALF_OPEN, FORCED_OPEN -> false;
        };
    }
}
