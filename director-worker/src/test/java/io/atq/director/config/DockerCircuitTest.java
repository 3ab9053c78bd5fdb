package io.atq.director.config;

import io.atq.director.swarm.SwarmException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code docker} circuit opens when Docker is away, not when one answer is broken off. */
class DockerCircuitTest {
    private final CircuitBreaker breaker = new ResilienceConfiguration()
            .dockerResilience(RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults()).breaker();

    @Test
    void logsBrokenOffByTheEngineNeverOpenIt() {
        failTen(new SwarmException(SwarmException.Kind.INCOMPLETE, "read logs of service p", "Docker broke off the log after 0 bytes: ", null));

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void dockerNotAnsweringOpensIt() {
        failTen(new SwarmException(SwarmException.Kind.UNAVAILABLE, "list tasks", "cannot reach Docker: Connection refused", null));

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void refusalsAreAnswersAndNeverOpenIt() {
        failTen(new SwarmException(SwarmException.Kind.REFUSED, "create service s", "invalid mount config", null));

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private void failTen(SwarmException failure) {
        Supplier<Object> call = CircuitBreaker.decorateSupplier(breaker, () -> {
            throw failure;
        });
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(call::get).isSameAs(failure);
        }
    }
}
