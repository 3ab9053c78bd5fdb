package io.atq.gateway.config;

import io.atq.contracts.names.Topology;
import io.atq.gateway.directors.DirectorLoads;
import io.atq.gateway.directors.QueuedReasons;
import io.atq.gateway.directors.rabbit.RabbitHeartbeatListener;
import io.atq.gateway.health.DirectorsHealthIndicator;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The directors' heartbeats: a queue of this gateway's own on their fanout exchange, and the load they carry. */
@Configuration(proxyBeanMethods = false)
public class DirectorsConfiguration {

    /**
     * Server-named, exclusive, auto-delete: heartbeats are worthless once old, and the queue vanishes with this
     * gateway. Not AnonymousQueue: spring-amqp 4 adds an x-queue-leader-locator argument RabbitMQ 3.10 refuses.
     * The exchange is declared exactly as the directors declare it (transient fanout).
     */
    @Bean
    Queue heartbeatQueue() {
        return new Queue("", false, true, true);
    }

    @Bean
    Declarables heartbeatTopology(Queue heartbeatQueue) {
        FanoutExchange exchange = new FanoutExchange(Topology.HEARTBEAT_EXCHANGE, false, false);
        return new Declarables(exchange, BindingBuilder.bind(heartbeatQueue).to(exchange));
    }

    @Bean
    DirectorLoads directorLoads() {
        return new DirectorLoads();
    }

    @Bean
    QueuedReasons queuedReasons(DirectorLoads loads, Clock clock) {
        return new QueuedReasons(loads, clock);
    }

    @Bean
    DirectorsHealthIndicator directorsHealthIndicator(DirectorLoads loads, Clock clock) {
        return new DirectorsHealthIndicator(loads, clock);
    }

    @Bean
    SimpleMessageListenerContainer heartbeatContainer(ConnectionFactory connectionFactory, Queue heartbeatQueue,
                                                      DirectorLoads loads, Clock clock) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        // The container consumes the queue's actual (server-given) name, also after a redeclaration on reconnect.
        container.setQueues(heartbeatQueue);
        container.setAcknowledgeMode(AcknowledgeMode.NONE);
        container.setMissingQueuesFatal(false);
        container.setMessageListener(new RabbitHeartbeatListener(loads, clock));
        return container;
    }
}
