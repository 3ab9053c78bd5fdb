package io.atq.gateway.config;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.gateway.publish.RabbitTaskPublisher;
import io.atq.gateway.publish.TaskPublisher;
import io.atq.gateway.stream.CatchUpMarker;
import io.atq.gateway.stream.ReadModelHealthIndicator;
import io.atq.gateway.stream.TaskLogListener;
import io.atq.gateway.tasks.CatchUp;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.webhooks.DeliveryLedger;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Map;

/** The broker side: the shared topology, the confirming publisher and the task-log consumer. */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {
    /** Name of the resilience4j circuit breaker and retry around publishes (configured under {@code resilience4j.*.instances.broker}). */
    public static final String BROKER = "broker";

    /**
     * Every exchange, queue and binding of the ATQ topology, declared by Boot's RabbitAdmin on each (re)connect, so
     * whichever app starts first creates it. Arguments come from {@link Topology}: the director declares the same.
     */
    @Bean
    Declarables atqTopology() {
        TopicExchange exchange = new TopicExchange(Topology.EXCHANGE, true, false);
        FanoutExchange deadLetters = new FanoutExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
        Queue requests = QueueBuilder.durable(Topology.REQUEST_QUEUE).withArguments(Topology.requestQueueArguments()).build();
        Queue dead = QueueBuilder.durable(Topology.DEAD_LETTER_QUEUE).withArguments(Topology.deadLetterQueueArguments()).build();
        Queue log = QueueBuilder.durable(Topology.LOG_STREAM).withArguments(Topology.logStreamArguments()).build();
        return new Declarables(exchange, deadLetters, requests, dead, log,
                BindingBuilder.bind(requests).to(exchange).with(Topology.KEY_REQUESTED),
                BindingBuilder.bind(requests).to(exchange).with(Topology.KEY_REQUESTED_QUIET),
                BindingBuilder.bind(dead).to(deadLetters),
                BindingBuilder.bind(log).to(exchange).with(Topology.KEY_ALL));
    }

    @Bean
    TaskPublisher taskPublisher(RabbitTemplate rabbitTemplate, MessageCodec codec, GatewayProperties properties,
                                CircuitBreakerRegistry breakers, RetryRegistry retries, MeterRegistry meters) {
        return new RabbitTaskPublisher(rabbitTemplate, codec, properties.gateway().publishTimeout(),
                breakers.circuitBreaker(BROKER), retries.retry(BROKER), meters);
    }

    @Bean
    TaskLogListener taskLogListener(MessageCodec codec, TaskBook book, CatchUp catchUp, DeliveryLedger webhookAttempts) {
        return new TaskLogListener(codec, book, catchUp, webhookAttempts::apply);
    }

    /**
     * Reads the task log stream from its first message. One consumer, so messages are applied in log order; a
     * prefetch is mandatory for stream consumers; AUTO acknowledges each message once applied.
     * <p>
     * A direct container: the listener runs on amqp-client's dispatch thread for the channel (which delivers one
     * channel's messages one at a time, in order), instead of being handed over through a queue to a container
     * thread, as the simple container does: one thread wake-up less between the broker and an SSE client on every
     * event (docs/benchmarks.md, "Relay"). Each (re)subscribe
     * still starts from {@code first} and publishes a {@link org.springframework.amqp.rabbit.listener.ConsumeOkEvent}
     * ({@link CatchUpMarker} starts a catch-up round on it).
     */
    @Bean
    DirectMessageListenerContainer taskLogContainer(ConnectionFactory connectionFactory, TaskLogListener listener,
                                                    GatewayProperties properties) {
        DirectMessageListenerContainer container = new DirectMessageListenerContainer(connectionFactory);
        container.setQueueNames(Topology.LOG_STREAM);
        container.setConsumerArguments(Map.of(Headers.STREAM_OFFSET, "first"));
        container.setPrefetchCount(properties.gateway().streamPrefetch());
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setConsumersPerQueue(1);
        // A stream cannot requeue or dead-letter; the listener skips what it cannot apply.
        container.setDefaultRequeueRejected(false);
        // The broker may be down or the stream not declared yet: keep retrying instead of failing start-up.
        container.setMissingQueuesFatal(false);
        container.setMessageListener(listener);
        return container;
    }

    @Bean
    CatchUpMarker catchUpMarker(TaskPublisher publisher, CatchUp catchUp, Clock clock, GatewayProperties properties) {
        return new CatchUpMarker(publisher, catchUp, clock, properties.instance(), properties.gateway().markerRetry());
    }

    @Bean
    ReadModelHealthIndicator readModelHealthIndicator(CatchUp catchUp, TaskBook book) {
        return new ReadModelHealthIndicator(catchUp, book);
    }
}
