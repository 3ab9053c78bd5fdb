package io.atq.gateway.config;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.names.Topology;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.gateway.publish.TaskPublisher;
import io.atq.gateway.tasks.CatchUp;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.webhooks.CallbackAddressPolicy;
import io.atq.gateway.webhooks.CallbackGuard;
import io.atq.gateway.webhooks.DeliveryLedger;
import io.atq.gateway.webhooks.DeliveryMetrics;
import io.atq.gateway.webhooks.HostResolver;
import io.atq.gateway.webhooks.RetryLadder;
import io.atq.gateway.webhooks.RetryScheduler;
import io.atq.gateway.webhooks.WebhookDelivery;
import io.atq.gateway.webhooks.WebhookEvents;
import io.atq.gateway.webhooks.WebhookSender;
import io.atq.gateway.webhooks.http.JdkHostResolver;
import io.atq.gateway.webhooks.http.ReactorNettyWebhookSender;
import io.atq.gateway.webhooks.rabbit.RabbitRetryScheduler;
import io.atq.gateway.webhooks.rabbit.WebhookEventListener;
import io.atq.gateway.webhooks.rabbit.WebhookRetryListener;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Webhooks: the event and retry queues with the wait-queue ladder, their consumers, the SSRF guard and the sender.
 * Delivery settings (schedule, timeout, allowlist) come from the shared YAML's {@code webhooks} section.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {
    /** Parallel deliveries per queue per gateway: a slow receiver (up to the timeout) holds one consumer, not all. */
    private static final int CONSUMERS = 4;
    /** How long an event waits for this gateway's read model to read its task's request (the stream lags by ms). */
    private static final Duration LOOKUP_WAIT = Duration.ofSeconds(10);
    /** Pause before handing back a message whose attempt could not be settled (broker trouble). */
    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnMissingBean
    HostResolver hostResolver() {
        return new JdkHostResolver();
    }

    @Bean
    CallbackGuard callbackGuard(HostResolver resolver, AtqConfig config) {
        return new CallbackGuard(resolver, new CallbackAddressPolicy(config.webhooks().allowHosts()), config);
    }

    @Bean
    DeliveryLedger deliveryLedger() {
        return new DeliveryLedger();
    }

    @Bean
    RetryLadder retryLadder(AtqConfig config) {
        return new RetryLadder(config.webhooks().retrySchedule());
    }

    @Bean
    DeliveryMetrics deliveryMetrics(MeterRegistry meters) {
        return new DeliveryMetrics(meters);
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookSender webhookSender() {
        return new ReactorNettyWebhookSender();
    }

    @Bean
    RetryScheduler retryScheduler(ConfirmedPublisher publisher) {
        return new RabbitRetryScheduler(publisher);
    }

    @Bean
    WebhookDelivery webhookDelivery(CallbackGuard guard, WebhookSender sender, RetryScheduler scheduler, RetryLadder ladder,
                                    TaskPublisher publisher, DeliveryLedger ledger, DeliveryMetrics metrics, Clock clock,
                                    AtqConfig config) {
        // One generator per thread: consumers run concurrently.
        RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        return new WebhookDelivery(guard, sender, scheduler, ladder, publisher, ledger, metrics, clock, random,
                config.webhooks().timeout(), gatewayId());
    }

    @Bean
    WebhookEvents webhookEvents(TaskBook book, DeliveryLedger ledger, AtqConfig config) {
        return new WebhookEvents(book, ledger, new SecretArgs(config));
    }

    /**
     * The retry queue and one wait queue per step of the schedule (TTL in the name and arguments, dead-lettering into
     * the retry queue). Arguments from {@link Topology}. The event queue is part of the shared topology
     * ({@link io.atq.messaging.rabbit.AtqTopology}): directors publish to it too.
     */
    @Bean
    Declarables webhookTopology(RetryLadder ladder) {
        Queue retries = QueueBuilder.durable(Topology.WEBHOOK_RETRY_QUEUE).withArguments(Topology.webhookWorkQueueArguments()).build();
        List<Declarable> all = new ArrayList<>(List.of(retries));
        for (Duration ttl : ladder.queueTtls().stream().distinct().toList()) {
            all.add(QueueBuilder.durable(Topology.webhookWaitQueue(ttl)).withArguments(Topology.webhookWaitQueueArguments(ttl)).build());
        }
        return new Declarables(all);
    }

    @Bean
    SimpleMessageListenerContainer webhookEventContainer(ConnectionFactory connectionFactory, MessageCodec codec,
                                                         WebhookEvents events, WebhookDelivery delivery, CatchUp catchUp) {
        return container(connectionFactory, Topology.WEBHOOK_EVENT_QUEUE,
                new WebhookEventListener(codec, events, delivery, catchUp, LOOKUP_WAIT, FAILURE_PAUSE));
    }

    @Bean
    SimpleMessageListenerContainer webhookRetryContainer(ConnectionFactory connectionFactory, WebhookDelivery delivery,
                                                         CatchUp catchUp) {
        return container(connectionFactory, Topology.WEBHOOK_RETRY_QUEUE,
                new WebhookRetryListener(delivery, catchUp, LOOKUP_WAIT, FAILURE_PAUSE));
    }

    private static SimpleMessageListenerContainer container(ConnectionFactory connectionFactory, String queue,
                                                            ChannelAwareMessageListener listener) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        // One unacknowledged message per consumer: the others stay in the queue for other gateways.
        container.setPrefetchCount(1);
        container.setConcurrentConsumers(CONSUMERS);
        container.setMissingQueuesFatal(false);
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("atq-webhooks-");
        // Attempts block on HTTP and on confirms: virtual threads.
        executor.setVirtualThreads(true);
        container.setTaskExecutor(executor);
        container.setMessageListener(listener);
        return container;
    }

    /** This gateway's id in attempt records: host (container hostname when set) and process id. */
    private static String gatewayId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "gateway");
        return host + "-" + ProcessHandle.current().pid();
    }
}
