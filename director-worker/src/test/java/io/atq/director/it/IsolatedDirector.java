package io.atq.director.it;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.director.DirectorApplication;
import io.atq.director.support.EventTap;
import io.atq.director.swarm.SwarmClient;
import io.atq.testfixtures.SwarmLeaks;
import io.atq.testfixtures.TestBroker;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real director with its own configuration, on a virtual host of its own on the shared test broker (so the shared
 * IT director never sees its requests) and its own {@code atq.instance}. Records the quorum queue's
 * {@code x-delivery-count} of every request delivered to it. Closing it stops the director, checks that nothing
 * labelled with its instance is left, and deletes the virtual host.
 */
final class IsolatedDirector implements AutoCloseable {
    final String instance = "atq-test-" + UUID.randomUUID().toString().substring(0, 8);
    final ConfigurableApplicationContext context;
    final EventTap tap;
    /** The x-delivery-count header of every request delivered, in order (null when absent: a first delivery). */
    final Queue<Object> deliveryCounts = new ConcurrentLinkedQueue<>();
    private final String vhost = instance;
    private final CachingConnectionFactory connections;
    private final String[] arguments;

    /** @param yamlEdit changes to the IT configuration (e.g. a {@code capacity:} section appended) */
    IsolatedDirector(java.util.function.UnaryOperator<String> yamlEdit, Map<String, Object> properties) throws Exception {
        RabbitMQContainer broker = TestBroker.get();
        TestBroker.addVhost(vhost);
        Map<String, Object> all = new java.util.HashMap<>(Map.of(
                "spring.rabbitmq.host", broker.getHost(),
                "spring.rabbitmq.port", broker.getAmqpPort(),
                "spring.rabbitmq.username", broker.getAdminUsername(),
                "spring.rabbitmq.password", broker.getAdminPassword(),
                "spring.rabbitmq.virtual-host", vhost,
                "atq.config", writeConfig(yamlEdit),
                "atq.instance", instance,
                "atq.director-id", instance + "-director",
                "atq.director.deadlines.cleanup", "30s",
                "server.port", "0"));
        all.putAll(properties);
        // As arguments, not builder properties: those are defaults, below application.yaml (e.g. its server port).
        arguments = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        context = new SpringApplicationBuilder(DirectorApplication.class).run(arguments);
        context.getBean("taskRequestContainer", SimpleMessageListenerContainer.class).setAfterReceivePostProcessors(message -> {
            Object count = message.getMessageProperties().getHeaders().get("x-delivery-count");
            deliveryCounts.add(count == null ? "none" : count);
            return message;
        });
        connections = new CachingConnectionFactory(broker.getHost(), broker.getAmqpPort());
        connections.setUsername(broker.getAdminUsername());
        connections.setPassword(broker.getAdminPassword());
        connections.setVirtualHost(vhost);
        tap = new EventTap(connections, context.getBean(MessageCodec.class));
    }

    /** Starts another director with exactly this one's arguments (its id included); the caller closes it. */
    ConfigurableApplicationContext startTwin() {
        return new SpringApplicationBuilder(DirectorApplication.class).run(arguments);
    }

    void publish(TaskMessage message) {
        context.getBean(ConfirmedPublisher.class).publish(message);
    }

    SwarmClient swarm() {
        return context.getBean(SwarmClient.class);
    }

    /** Messages ready in the request queue and its consumers, without the management API (a passive declare). */
    int[] requestQueue() {
        try (var channel = connections.createConnection().createChannel(false)) {
            var ok = channel.queueDeclarePassive(io.atq.contracts.names.Topology.REQUEST_QUEUE);
            return new int[]{ok.getMessageCount(), ok.getConsumerCount()};
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            tap.close();
            // Every test awaited its tasks' clean-up: anything still labelled with the instance now is a leak.
            SwarmLeaks.of(DockerClientFactory.instance().client(), instance).assertNothingLeft();
        } finally {
            context.close();
            connections.destroy();
            TestBroker.deleteVhost(vhost);
        }
    }

    private String writeConfig(java.util.function.UnaryOperator<String> edit) {
        try (InputStream template = IsolatedDirector.class.getResourceAsStream("/atq-it.yaml")) {
            Path shared = Path.of("target", "it-shared", instance).toAbsolutePath();
            Files.createDirectories(shared);
            String yaml = new String(template.readAllBytes(), StandardCharsets.UTF_8).replace("@SHARED_PATH@", shared.toString());
            Path file = shared.resolveSibling(instance + ".yaml");
            Files.writeString(file, edit.apply(yaml));
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
