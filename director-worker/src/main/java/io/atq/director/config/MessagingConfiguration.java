package io.atq.director.config;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.director.capacity.Capacity;
import io.atq.director.events.RabbitTaskEvents;
import io.atq.director.events.TaskEvents;
import io.atq.director.intake.rabbit.DeadLetters;
import io.atq.director.intake.IntakeDecider;
import io.atq.director.intake.rabbit.RabbitHandBacks;
import io.atq.director.intake.rabbit.RabbitDeadLetters;
import io.atq.director.intake.RequestHandler;
import io.atq.director.intake.rabbit.RequestListener;
import io.atq.director.intake.TaskIntake;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.ledger.TaskLogReader;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.storage.SharedFolderBundles;
import io.atq.messaging.rabbit.AtqTopology;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AsyncConsumerStartedEvent;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The broker side: the shared topology (declared identically by every app), confirmed publishing, the task log
 * reader (stream from {@code first}) and the request consumer, which starts only once the ledger caught up.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    /** Stream reads need a prefetch; a few hundred keeps replay fast without holding much. */
    private static final int TASK_LOG_PREFETCH = 250;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** The ATQ topology, declared by Boot's RabbitAdmin on each (re)connect (gateways declare the same). */
    @Bean
    Declarables atqTopology() {
        return AtqTopology.declarables();
    }

    /** Every publish of the director: events and markers through the {@code broker} guard, dead letters and hand-backs once. */
    @Bean
    ConfirmedPublisher confirmedPublisher(RabbitTemplate template, MessageCodec codec, ResilienceConfiguration.BrokerResilience resilience,
                                          MeterRegistry meters) {
        return new ConfirmedPublisher(template, codec, CONFIRM_TIMEOUT, resilience.retry(), resilience.breaker(), meters);
    }

    @Bean
    TaskEvents taskEvents(ConfirmedPublisher publisher) {
        return new RabbitTaskEvents(publisher);
    }

    @Bean
    TaskLogReader taskLogReader(TaskLedger ledger, MessageCodec codec, ConfirmedPublisher publisher, Clock clock) {
        return new TaskLogReader(ledger, codec, publisher, clock);
    }

    @Bean
    SimpleMessageListenerContainer taskLogContainer(ConnectionFactory connectionFactory, TaskLogReader reader) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(Topology.LOG_STREAM);
        // Replay the whole log on every (re)subscription: the ledger applies messages idempotently.
        container.setConsumerArguments(Map.of(Headers.STREAM_OFFSET, "first"));
        container.setPrefetchCount(TASK_LOG_PREFETCH);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setConcurrentConsumers(1);
        container.setMessageListener(reader);
        return container;
    }

    /** Each time the task log consumer (re)starts before the ledger caught up, the marker goes out (again). */
    @Bean
    ApplicationListener<AsyncConsumerStartedEvent> publishMarkerWhenTaskLogConsumerStarts(
            @Qualifier("taskLogContainer") SimpleMessageListenerContainer taskLogContainer, TaskLogReader reader) {
        return event -> {
            if (event.getSource() == taskLogContainer) {
                Thread.ofVirtual().name("task-log-marker").start(reader::publishMarker);
            }
        };
    }

    /** Commands are decoded strictly (unknown fields refused); the task log's events stay lenient. */
    @Bean
    IntakeDecider intakeDecider(TaskSpecValidator validator, TaskLedger ledger, TaskRunner runner, Clock clock, AtqConfig config) {
        return new IntakeDecider(MessageCodec.strict(), validator, ledger, runner::isRunning,
                bundle -> SharedFolderBundles.present(config, bundle), clock);
    }

    @Bean
    DeadLetters deadLetters(ConfirmedPublisher publisher, DirectorProperties properties) {
        return new RabbitDeadLetters(publisher, properties.directorId());
    }

    @Bean
    TaskIntake taskIntake(IntakeDecider decider, TaskRunner runner, TaskEvents events, DirectorProperties properties, Clock clock,
                          PhaseObserver phaseObserver, Capacity capacity) {
        return new TaskIntake(decider, runner, capacity, events, properties.directorId(), clock, phaseObserver);
    }

    /** The request consumer; its listener comes from {@link #requestListener}, and the {@link IntakeSwitch} starts and stops it. */
    @Bean
    SimpleMessageListenerContainer taskRequestContainer(ConnectionFactory connectionFactory) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(Topology.REQUEST_QUEUE);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        // One message at a time, and never one more than there is room for: the listener cancels the consumer before it
        // acknowledges the message that fills this director (see RequestListener); the rest stay for other directors.
        container.setPrefetchCount(1);
        container.setConcurrentConsumers(1);
        // A stop waits for the message in hand (taking it lasts until its network exists): never cut it short, since a
        // forced channel close would return it to the queue and count a delivery.
        container.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
        // Started by startIntakeWhenCaughtUp: deciding on a request needs the whole task log (cancels, terminal tasks).
        container.setAutoStartup(false);
        return container;
    }

    /**
     * The listener of the request consumer. The one two-step construction of the director: the switch that drives the
     * container decides whether the listener keeps consuming, and Spring's container takes its listener by a setter.
     */
    @Bean
    RequestListener requestListener(@Qualifier("taskRequestContainer") SimpleMessageListenerContainer container, RequestHandler handler,
                                    DeadLetters deadLetters, ConfirmedPublisher publisher, DirectorProperties properties,
                                    IntakeSwitch intakeSwitch) {
        RequestListener listener = new RequestListener(handler, deadLetters, intakeSwitch::consuming,
                new RabbitHandBacks(publisher, properties.directorId()));
        container.setMessageListener(listener);
        return listener;
    }

    @Bean
    @Order(1)
    ApplicationRunner startIntakeWhenCaughtUp(TaskLedger ledger, IntakeSwitch intakeSwitch) {
        return args -> ledger.caughtUp().thenRun(() -> Thread.ofVirtual().name("intake-start").start(() -> {
            log.info("caught up with the task log ({} tasks known); consuming {}", ledger.knownTasks(), Topology.REQUEST_QUEUE);
            // The switch starts the consumer unless Docker is away (then once the docker circuit closes).
            intakeSwitch.caughtUp();
        }));
    }
}
