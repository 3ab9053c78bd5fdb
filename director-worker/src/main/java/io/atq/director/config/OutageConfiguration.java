package io.atq.director.config;

import io.atq.director.health.DockerCircuitHealthIndicator;
import io.atq.director.outage.DockerRecoveryProbe;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.swarm.SwarmClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Docker outages: the {@code docker} circuit breaker's state transitions drive the {@link IntakeSwitch} (stop taking
 * requests while it is open), a probe lets it close when nothing else calls Docker, and health shows its state.
 */
@Configuration(proxyBeanMethods = false)
public class OutageConfiguration {
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    /** One thread for starting and stopping the consumer, in order: stop() blocks, and transitions fire on task threads. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService intakeSwitching() {
        return Executors.newSingleThreadExecutor(Thread.ofVirtual().name("intake-switch").factory());
    }

    @Bean
    IntakeSwitch intakeSwitch(@Qualifier("taskRequestContainer") SimpleMessageListenerContainer requests,
                              @Qualifier("intakeSwitching") ExecutorService switching,
                              ResilienceConfiguration.DockerResilience docker) {
        IntakeSwitch intakeSwitch = new IntakeSwitch(new IntakeSwitch.Intake() {
            @Override
            public void start() {
                switching.execute(requests::start);
            }

            @Override
            public void stop() {
                switching.execute(requests::stop);
            }
        });
        CircuitBreaker breaker = docker.breaker();
        breaker.getEventPublisher().onStateTransition(event -> intakeSwitch.dockerAvailable(permitsCalls(event.getStateTransition().getToState())));
        return intakeSwitch;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    DockerRecoveryProbe dockerRecoveryProbe(SwarmClient swarm, ResilienceConfiguration.DockerResilience docker) {
        return new DockerRecoveryProbe(swarm, docker.breaker(), PROBE_INTERVAL);
    }

    @Bean
    DockerCircuitHealthIndicator dockerCircuitHealthIndicator(ResilienceConfiguration.DockerResilience docker, IntakeSwitch intakeSwitch) {
        return new DockerCircuitHealthIndicator(docker.breaker(), intakeSwitch);
    }

    /** Half-open stays paused: a request taken then would be the test call, and fail with the task if Docker is still away. */
    private static boolean permitsCalls(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> true;
            case OPEN, HALF_OPEN, FORCED_OPEN -> false;
        };
    }
}
