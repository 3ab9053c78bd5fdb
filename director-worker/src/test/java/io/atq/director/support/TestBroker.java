package io.atq.director.support;

import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/** One real RabbitMQ per test JVM, from the locally built image (never pulled). */
public final class TestBroker {
    private static final DockerImageName IMAGE = DockerImageName.parse("atq/rabbitmq:3.10").asCompatibleSubstituteFor("rabbitmq");
    private static RabbitMQContainer container;

    private TestBroker() {
    }

    /** Starts the broker on first use; later calls return the same one. */
    public static synchronized RabbitMQContainer get() {
        if (container == null) {
            RabbitMQContainer broker = new RabbitMQContainer(IMAGE)
                    // The image exists only locally: never ask a registry.
                    .withImagePullPolicy(image -> false);
            broker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "stop-test-broker"));
            container = broker;
        }
        return container;
    }
}
