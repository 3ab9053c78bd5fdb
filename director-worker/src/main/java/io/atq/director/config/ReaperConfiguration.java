package io.atq.director.config;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.director.events.TaskEvents;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.RunSettings;
import io.atq.director.orchestration.Sleeper;
import io.atq.director.orchestration.TaskFiles;
import io.atq.director.orchestration.TaskRemoval;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.orchestration.TaskTakeover;
import io.atq.director.presence.RabbitHeartbeats;
import io.atq.director.reaper.Leases;
import io.atq.director.reaper.ReapDecision;
import io.atq.director.reaper.ReapOrphanedTasks;
import io.atq.director.swarm.SwarmClient;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Heartbeats, leases and the reaper ({@code atq.director.reaper.*}). */
@Configuration(proxyBeanMethods = false)
public class ReaperConfiguration {

    @Bean
    Leases leases(DirectorProperties properties) {
        return new Leases(properties.directorId(), properties.director().reaper().lease());
    }

    @Bean
    Declarables heartbeatTopology(DirectorProperties properties) {
        return RabbitHeartbeats.topology(properties.directorId());
    }

    @Bean
    RabbitHeartbeats rabbitHeartbeats(DirectorProperties properties, Leases leases, ConnectionFactory connectionFactory, Clock clock) {
        // A plain template: a heartbeat needs no confirm and no return (a lost one is covered by the next).
        return new RabbitHeartbeats(properties.directorId(), leases, new RabbitTemplate(connectionFactory), clock);
    }

    @Bean
    SimpleMessageListenerContainer heartbeatContainer(ConnectionFactory connectionFactory, RabbitHeartbeats heartbeats,
                                                      DirectorProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(RabbitHeartbeats.queueName(properties.directorId()));
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setPrefetchCount(50);
        container.setMessageListener(heartbeats);
        return container;
    }

    @Bean
    TaskRemoval taskRemoval(RunSettings settings, SwarmClient swarm, Clock clock) {
        return new TaskRemoval(swarm, settings.instance(), settings.pollInterval(), settings.cleanup(), clock, Sleeper.system());
    }

    @Bean
    TaskTakeover taskTakeover(RunSettings settings, SwarmClient swarm, TaskEvents events, TaskFiles files, Clock clock, TaskLedger ledger,
                              PhaseObserver phaseObserver, AtqConfig config) {
        SecretArgs secrets = new SecretArgs(config);
        return new TaskTakeover(settings, swarm, events, files, clock, Sleeper.system(), ledger::isCancelled)
                .observedBy(phaseObserver)
                // The spec comes from the task log: the dead director's secrets stay out of the logs written here too.
                .scrubbingWith(taskId -> line -> ledger.openSpec(taskId).map(spec -> secrets.scrub(spec, line)).orElse(line));
    }

    @Bean
    ReapOrphanedTasks reapOrphanedTasks(DirectorProperties properties, RunSettings settings, SwarmClient swarm, TaskLedger ledger,
                                        Leases leases, TaskRunner runner, TaskEvents events, TaskTakeover takeover,
                                        TaskRemoval removal, Clock clock) {
        ReapDecision decision = new ReapDecision(properties.directorId(), properties.director().reaper().deadlineGrace());
        return new ReapOrphanedTasks(settings, swarm, ledger, leases, decision, runner, events, takeover, removal, clock);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService reaperScheduler() {
        return Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("reaper-", 0).daemon().factory());
    }

    /** Heartbeats from the start; the first reaper pass one interval later (it also waits for the ledger). */
    @Bean
    ApplicationRunner startHeartbeatsAndReaper(ScheduledExecutorService reaperScheduler, RabbitHeartbeats heartbeats,
                                               ReapOrphanedTasks reaper, DirectorProperties properties) {
        DirectorProperties.Reaper config = properties.director().reaper();
        return args -> {
            reaperScheduler.scheduleAtFixedRate(heartbeats::beat, 0, config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
            reaperScheduler.scheduleWithFixedDelay(reaper, config.interval().toMillis(), config.interval().toMillis(), TimeUnit.MILLISECONDS);
        };
    }
}
