package io.atq.director.config;

import io.atq.director.capacity.Capacity;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.events.TaskEvents;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.HandOver;
import io.atq.director.orchestration.RunSettings;
import io.atq.director.orchestration.Sleeper;
import io.atq.director.orchestration.TaskRemoval;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.orchestration.TaskRuns;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.presence.DirectorDeparture;
import io.atq.director.presence.DirectorIdClaim;
import io.atq.director.presence.RabbitHeartbeats;
import io.atq.director.reaper.Leases;
import io.atq.director.reaper.ReapDecision;
import io.atq.director.reaper.ReapOrphanedTasks;
import io.atq.director.reaper.ReapWhenLeasesRunOut;
import io.atq.director.swarm.SwarmClient;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Heartbeats, leases, the reaper ({@code atq.director.reaper.*}) and the departure of a stopping director. */
@Configuration(proxyBeanMethods = false)
public class ReaperConfiguration {
    static final long LEASE_TICK_MILLIS = 1000;
    /** How long a stopping director listens for others stopping too before it decides who takes its tasks. */
    static final Duration DEPARTURE_SETTLE = Duration.ofSeconds(1);
    /** How long it waits for its runs to let go of their tasks before it says it left. */
    static final Duration HAND_OVER_WAIT = Duration.ofSeconds(10);

    @Bean
    Leases leases(DirectorProperties properties) {
        return new Leases(properties.directorId(), properties.director().reaper().lease());
    }

    @Bean
    Declarables heartbeatTopology(DirectorProperties properties) {
        return RabbitHeartbeats.topology(properties.directorId());
    }

    @Bean
    RabbitHeartbeats rabbitHeartbeats(DirectorProperties properties, Leases leases, ConnectionFactory connectionFactory, Clock clock,
                                      Capacity capacity, IntakeSwitch intakeSwitch) {
        // A plain template: a heartbeat needs no confirm and no return (a lost one is covered by the next).
        return new RabbitHeartbeats(properties.directorId(), leases, new RabbitTemplate(connectionFactory), clock, capacity, intakeSwitch);
    }

    /**
     * Claimed while the context starts, before any listener consumes: a second process with this director's id waits
     * one lease for the first to go away, then refuses to start (see {@link DirectorIdClaim}).
     */
    @Bean
    DirectorIdClaim directorIdClaim(DirectorProperties properties, ConnectionFactory connectionFactory, Clock clock)
            throws InterruptedException {
        DirectorIdClaim claim = new DirectorIdClaim(properties.directorId(), connectionFactory, clock, Sleeper.system());
        claim.claim(properties.director().reaper().lease());
        return claim;
    }

    @Bean
    SimpleMessageListenerContainer heartbeatContainer(ConnectionFactory connectionFactory, RabbitHeartbeats heartbeats,
                                                      DirectorProperties properties, DirectorIdClaim claimedFirst) {
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
    ReapOrphanedTasks reapOrphanedTasks(DirectorProperties properties, RunSettings settings, SwarmClient swarm, TaskLedger ledger,
                                        Leases leases, TaskRunner runner, TaskEvents events, TaskRuns runs,
                                        TaskRemoval removal, TaskSpecValidator validator, Clock clock) {
        ReapDecision decision = new ReapDecision(properties.directorId(), properties.director().reaper().deadlineGrace());
        return new ReapOrphanedTasks(settings, swarm, ledger, leases, decision, runner, events, runs, removal, validator, clock);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService reaperScheduler() {
        return Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("reaper-", 0).daemon().factory());
    }

    /**
     * Heartbeats from the start; the first periodic reaper pass one interval later (it also waits for the ledger); and
     * a pass as soon as a lease runs out (checked every {@value #LEASE_TICK_MILLIS} ms or every heartbeat, whichever
     * is sooner).
     */
    @Bean
    ApplicationRunner startHeartbeatsAndReaper(ScheduledExecutorService reaperScheduler, RabbitHeartbeats heartbeats,
                                               ReapOrphanedTasks reaper, Leases leases, Clock clock, DirectorProperties properties) {
        DirectorProperties.Reaper config = properties.director().reaper();
        ReapWhenLeasesRunOut onLeaseEnd = new ReapWhenLeasesRunOut(leases, reaper::pass, clock);
        long tick = Math.min(LEASE_TICK_MILLIS, config.heartbeat().toMillis());
        return args -> {
            reaperScheduler.scheduleAtFixedRate(heartbeats::beat, 0, config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
            reaperScheduler.scheduleWithFixedDelay(reaper, config.interval().toMillis(), config.interval().toMillis(), TimeUnit.MILLISECONDS);
            reaperScheduler.scheduleWithFixedDelay(onLeaseEnd, tick, tick, TimeUnit.MILLISECONDS);
        };
    }

    @Bean
    DirectorDeparture directorDeparture(RabbitHeartbeats heartbeats, IntakeSwitch intakeSwitch,
                                        @Qualifier("taskRequestContainer") SimpleMessageListenerContainer requests,
                                        TaskRunner runner, HandOver handOver, Leases leases, Clock clock) {
        return new DirectorDeparture(heartbeats, intakeSwitch, requests::stop, runner, handOver, leases, clock, Sleeper.system(),
                DEPARTURE_SETTLE, HAND_OVER_WAIT);
    }

    /**
     * The departure runs when the context starts closing (SIGTERM), before any listener container or executor stops:
     * it still hears the other directors' heartbeats and can still record its tasks' ends.
     */
    @Bean
    ApplicationListener<ContextClosedEvent> departOnClose(DirectorDeparture departure) {
        return event -> departure.depart();
    }
}
