package io.atq.gateway.config;

import io.atq.contracts.phase.Phase;
import io.atq.gateway.tasks.TaskBook;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's read-model meters: {@value #TASKS_METER} = tasks this gateway knows in each phase (a gauge per phase,
 * read on scrape). Publish-confirm timing lives in the publish adapter; resilience4j's meters come from its Boot
 * auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {
    /** Gauge of tasks in the read model, tagged {@code phase}. */
    public static final String TASKS_METER = "atq.tasks.phase";

    @Bean
    MeterBinder tasksByPhase(TaskBook book) {
        return registry -> {
            for (Phase phase : Phase.values()) {
                Gauge.builder(TASKS_METER, book, b -> b.count(phase))
                        .description("Tasks in the read model by phase")
                        .tag("phase", phase.name())
                        .register(registry);
            }
        };
    }
}
