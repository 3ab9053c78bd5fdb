package io.atq.gateway.it;

import io.atq.testfixtures.TestBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import java.util.List;

/** The test JVM's one real RabbitMQ ({@link TestBroker}) as the gateway's Spring properties and client settings. */
public final class SharedBroker {
    private static final RabbitMQContainer BROKER = TestBroker.get();

    private SharedBroker() {
    }

    public static RabbitMQContainer container() {
        return BROKER;
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.host", BROKER::getHost);
        registry.add("spring.rabbitmq.port", BROKER::getAmqpPort);
        registry.add("spring.rabbitmq.username", BROKER::getAdminUsername);
        registry.add("spring.rabbitmq.password", BROKER::getAdminPassword);
    }

    /** The same settings as command-line arguments, for an extra application started by hand. */
    public static List<String> arguments() {
        return List.of("--spring.rabbitmq.host=" + BROKER.getHost(), "--spring.rabbitmq.port=" + BROKER.getAmqpPort(),
                "--spring.rabbitmq.username=" + BROKER.getAdminUsername(),
                "--spring.rabbitmq.password=" + BROKER.getAdminPassword());
    }

    /** A client connection factory for reading the broker directly (not through the gateway). */
    public static com.rabbitmq.client.ConnectionFactory clientFactory() {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(BROKER.getHost());
        factory.setPort(BROKER.getAmqpPort());
        factory.setUsername(BROKER.getAdminUsername());
        factory.setPassword(BROKER.getAdminPassword());
        return factory;
    }
}
