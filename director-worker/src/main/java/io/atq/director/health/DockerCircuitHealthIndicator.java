package io.atq.director.health;

import io.atq.director.outage.IntakeSwitch;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code dockerCircuit} health: the {@code docker} circuit breaker's state and whether requests are being taken.
 * DOWN while the circuit is open or half-open (Docker did not answer lately; intake is paused).
 */
public final class DockerCircuitHealthIndicator implements HealthIndicator {
    private final CircuitBreaker breaker;
    private final IntakeSwitch intake;

    public DockerCircuitHealthIndicator(CircuitBreaker breaker, IntakeSwitch intake) {
        this.breaker = breaker;
        this.intake = intake;
    }

    @Override
    public Health health() {
        CircuitBreaker.State state = breaker.getState();
        Health.Builder builder = state == CircuitBreaker.State.CLOSED ? Health.up() : Health.down();
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        return builder.withDetail("state", state.name())
                .withDetail("failureRate", metrics.getFailureRate())
                .withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls())
                .withDetail("takingRequests", intake.consuming())
                .build();
    }
}
