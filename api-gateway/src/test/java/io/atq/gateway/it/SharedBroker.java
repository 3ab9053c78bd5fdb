package io.atq.gateway.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.List;

/** One real RabbitMQ per test JVM, from the locally built image (never pulled), stopped when the JVM exits. */
public final class SharedBroker {
    private static final DockerImageName IMAGE = DockerImageName.parse("atq/rabbitmq:3.10").asCompatibleSubstituteFor("rabbitmq");
    private static final RabbitMQContainer BROKER = start();

    private SharedBroker() {
    }

    private static RabbitMQContainer start() {
        RabbitMQContainer broker = new RabbitMQContainer(IMAGE);
        broker.start();
        // Ryuk is disabled on this machine, so nothing else would remove the container.
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "stop-shared-broker"));
        return broker;
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
