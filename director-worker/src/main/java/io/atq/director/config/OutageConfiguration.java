package io.atq.director.config;

import io.atq.director.health.DockerCircuitHealthIndicator;
import io.atq.director.intake.rabbit.ContainerIntake;
import io.atq.director.outage.CircuitDrivesIntake;
import io.atq.director.outage.DockerRecoveryProbe;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.swarm.SwarmClient;
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
        IntakeSwitch intakeSwitch = new IntakeSwitch(new ContainerIntake(requests, switching));
        CircuitDrivesIntake.connect(docker.breaker(), intakeSwitch);
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
}
