package io.atq.director.config;

import io.atq.contracts.names.Topology;
import io.atq.director.metrics.MicrometerPhaseObserver;
import io.atq.director.metrics.RequestQueueDepth;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.TaskRunner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The director's own meters (Docker call timers live in the swarm adapter; resilience4j's circuit breaker and retry
 * meters come from its Boot auto-configuration).
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {
    /** Gauge of the tasks this director runs right now. */
    public static final String RUNNING_METER = "atq.tasks.running";
    /** Often enough for a dashboard, rare enough to cost the broker nothing. */
    private static final Duration QUEUE_DEPTH_INTERVAL = Duration.ofSeconds(5);

    @Bean
    PhaseObserver phaseObserver(MeterRegistry registry) {
        return new MicrometerPhaseObserver(registry);
    }

    @Bean
    Gauge runningTasksGauge(TaskRunner runner, MeterRegistry registry) {
        return Gauge.builder(RUNNING_METER, runner, TaskRunner::runningCount)
                .description("Tasks this director runs right now")
                .register(registry);
    }

    @Bean(destroyMethod = "close")
    RequestQueueDepth requestQueueDepth(AmqpAdmin admin, MeterRegistry registry) {
        return new RequestQueueDepth(admin, Topology.REQUEST_QUEUE, registry);
    }

    @Bean
    ApplicationRunner startQueueDepth(RequestQueueDepth depth) {
        return args -> depth.start(QUEUE_DEPTH_INTERVAL);
    }
}
