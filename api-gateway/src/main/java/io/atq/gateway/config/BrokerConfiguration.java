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
import io.atq.messaging.rabbit.AtqTopology;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
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

    /** The ATQ topology, declared by Boot's RabbitAdmin on each (re)connect (the director declares the same). */
    @Bean
    Declarables atqTopology() {
        return AtqTopology.declarables();
    }

    /** Every publish of the gateway (task messages, webhook retries) goes through it, guarded by {@value #BROKER}. */
    @Bean
    ConfirmedPublisher confirmedPublisher(RabbitTemplate rabbitTemplate, MessageCodec codec, GatewayProperties properties,
                                          CircuitBreakerRegistry breakers, RetryRegistry retries, MeterRegistry meters) {
        return new ConfirmedPublisher(rabbitTemplate, codec, properties.gateway().publishTimeout(),
                retries.retry(BROKER), breakers.circuitBreaker(BROKER), meters);
    }

    @Bean
    TaskPublisher taskPublisher(ConfirmedPublisher publisher) {
        return new RabbitTaskPublisher(publisher);
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
