package io.atq.director.config;

import io.atq.director.swarm.SwarmException;
import io.atq.messaging.PublishException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Retries and circuit breakers (registered in resilience4j's registries, so they show in its metrics):
 * {@code docker} retries only transient failures (I/O, 503) and counts only those against the breaker, because a
 * 404 or 409 is an answer; {@code broker} retries unconfirmed publishes.
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ResilienceConfiguration.class);
    /** Resilience for Docker calls. */
    public record DockerResilience(Retry retry, CircuitBreaker breaker) {
    }

    /** Resilience for broker publishes. */
    public record BrokerResilience(Retry retry, CircuitBreaker breaker) {
    }

    @Bean
    DockerResilience dockerResilience(RetryRegistry retries, CircuitBreakerRegistry breakers) {
        Retry retry = retries.retry("docker", RetryConfig.custom()
                .maxAttempts(4)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2))
                .retryOnException(e -> e instanceof SwarmException s && s.isRetryable())
                .build());
        CircuitBreaker breaker = breakers.circuitBreaker("docker", CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                // Half-open without waiting for a call: the recovery probe then tests Docker, and intake resumes on success.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(3)
                // Only Docker away counts: one service's log broken off by the engine must not pause every task's intake.
                .recordException(e -> e instanceof SwarmException s && s.isOutage())
                .build());
        // What opened it: each failure it counted (a handful before it opens, then at most three per half-open try).
        breaker.getEventPublisher()
                .onError(event -> log.warn("docker call failed ({} ms), counted by the docker circuit: {}",
                        event.getElapsedDuration().toMillis(), event.getThrowable().getMessage()))
                .onStateTransition(event -> log.warn("docker circuit {}", event.getStateTransition()));
        return new DockerResilience(retry, breaker);
    }

    @Bean
    BrokerResilience brokerResilience(RetryRegistry retries, CircuitBreakerRegistry breakers) {
        Retry retry = retries.retry("broker", RetryConfig.custom()
                .maxAttempts(5)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(300), 2))
                .retryOnException(e -> e instanceof PublishException)
                .build());
        CircuitBreaker breaker = breakers.circuitBreaker("broker", CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .recordException(e -> e instanceof PublishException)
                .build());
        return new BrokerResilience(retry, breaker);
    }
}
