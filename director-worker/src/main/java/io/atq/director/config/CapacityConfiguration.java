package io.atq.director.config;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.names.Headers;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.capacity.Capacity;
import io.atq.director.capacity.CountClusterWorkers;
import io.atq.director.capacity.Load;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.presence.RabbitHeartbeats;
import io.atq.director.swarm.SwarmClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Capacity: this director's task slots ({@code capacity.maxTasksPerDirector}, or {@code atq.director.max-concurrent-tasks})
 * and the swarm's worker limit ({@code capacity.maxWorkers}) drive the {@link IntakeSwitch}; gauges show both.
 */
@Configuration(proxyBeanMethods = false)
public class CapacityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CapacityConfiguration.class);
    /** Gauge of this director's free task slots. */
    public static final String FREE_SLOTS_METER = "atq.capacity.free.slots";
    /** Gauge of the worker replicas of this instance in the swarm, as this director counts them. */
    public static final String CLUSTER_WORKERS_METER = "atq.capacity.cluster.workers";
    /** How often the swarm's workers are counted: a stale count only delays intake or hands one task back. */
    private static final Duration COUNT_INTERVAL = Duration.ofSeconds(2);

    /** The per-director maximum: the property when set, else the shared YAML's. */
    static int maxTasks(DirectorProperties properties, AtqConfig config) {
        Integer override = properties.director().maxConcurrentTasks();
        return override != null ? override : config.capacity().maxTasksPerDirector();
    }

    @Bean
    Capacity capacity(DirectorProperties properties, AtqConfig config, TaskRunner runner, ObjectProvider<IntakeSwitch> intakeSwitch) {
        Capacity capacity = new Capacity(maxTasks(properties, config), config.capacity().maxWorkers(), runner::runningCount);
        // A provider: the switch is built around the request consumer, whose handler needs this capacity.
        capacity.onChange(() -> intakeSwitch.getObject().capacity(capacity.pauseReason().orElse(null)));
        runner.withSlotListener(new TaskRunner.SlotListener() {
            @Override
            public void taken(TaskId taskId) {
                capacity.slotsChanged();
            }

            @Override
            public void freed(TaskId taskId) {
                capacity.release(taskId);
            }
        });
        log.info("capacity: {} task(s) on this director, {} worker(s) of instance {} in the swarm",
                capacity.maxTasks(), capacity.maxWorkers(), properties.instance());
        return capacity;
    }

    /** Heartbeats tell everyone this director's load (a gateway can say why tasks wait). */
    @Bean
    ApplicationRunner heartbeatsCarryLoad(RabbitHeartbeats heartbeats, Capacity capacity, IntakeSwitch intakeSwitch) {
        return args -> heartbeats.carrying(() -> {
            Load load = capacity.load();
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(Headers.RUNNING_TASKS, load.runningTasks());
            headers.put(Headers.MAX_TASKS, load.maxTasks());
            headers.put(Headers.CLUSTER_WORKERS, load.clusterWorkers());
            headers.put(Headers.MAX_WORKERS, load.maxWorkers());
            String paused = intakeSwitch.pauseReason();
            if (paused != null) {
                headers.put(Headers.INTAKE_PAUSED, paused);
            }
            return headers;
        });
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService workerCounting() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("worker-count").daemon().factory());
    }

    @Bean
    ApplicationRunner countClusterWorkers(ScheduledExecutorService workerCounting, @Qualifier("swarmClient") SwarmClient swarm,
                                          DirectorProperties properties, Capacity capacity) {
        CountClusterWorkers count = new CountClusterWorkers(swarm, properties.instance(), properties.directorId(), capacity);
        return args -> workerCounting.scheduleWithFixedDelay(count, 0, COUNT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Bean
    Gauge freeSlotsGauge(Capacity capacity, MeterRegistry registry) {
        return Gauge.builder(FREE_SLOTS_METER, capacity, c -> c.load().freeSlots())
                .description("Task slots this director has free")
                .register(registry);
    }

    @Bean
    Gauge clusterWorkersGauge(Capacity capacity, MeterRegistry registry) {
        return Gauge.builder(CLUSTER_WORKERS_METER, capacity, c -> c.load().clusterWorkers())
                .description("Worker replicas of this instance in the swarm (other directors' from the swarm, this one's exactly)")
                .register(registry);
    }
}
