package io.atq.director.it;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Topology;
import io.atq.director.support.CountingSwarmClient;
import io.atq.director.support.EventTap;
import io.atq.testfixtures.SwarmLeaks;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load test longer than the broker's consumer timeout runs once. This class has its own broker (and so its own
 * Spring context) with {@code consumer_timeout} = 20 s, checked every 5 s: a consumer that held a message unacked
 * longer than that has its channel closed and the message redelivered. The director acknowledges a request once the
 * task's network exists (its progress is then in Swarm), not when the run ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(DirectorTestHooks.class)
class ConsumerTimeoutIT {
    private static final String INSTANCE = "atq-test-ct-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(20);
    private static final RabbitMQContainer BROKER = new RabbitMQContainer(
            DockerImageName.parse("atq/rabbitmq:3.10").asCompatibleSubstituteFor("rabbitmq"))
            .withImagePullPolicy(image -> false)
            // Debian's rabbitmq-server passes these to the Erlang VM; rabbitmq.conf stays the image's own.
            .withEnv("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
                    "-rabbit consumer_timeout " + CONSUMER_TIMEOUT.toMillis() + " -rabbit channel_tick_interval 5000");

    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    MessageCodec codec;
    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    CountingSwarmClient swarm;
    @Autowired
    DirectorTestHooks.CrashingHandler handler;

    @DynamicPropertySource
    static void director(DynamicPropertyRegistry registry) throws Exception {
        BROKER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(BROKER::stop, "stop-consumer-timeout-broker"));
        Path shared = Path.of("target", "it-shared", INSTANCE).toAbsolutePath();
        Files.createDirectories(shared);
        String yaml = new String(ConsumerTimeoutIT.class.getResourceAsStream("/atq-it.yaml").readAllBytes())
                .replace("@SHARED_PATH@", shared.toString());
        Path config = Files.writeString(shared.resolveSibling(INSTANCE + ".yaml"), yaml);
        registry.add("spring.rabbitmq.host", BROKER::getHost);
        registry.add("spring.rabbitmq.port", BROKER::getAmqpPort);
        registry.add("spring.rabbitmq.username", BROKER::getAdminUsername);
        registry.add("spring.rabbitmq.password", BROKER::getAdminPassword);
        registry.add("atq.config", config::toString);
        registry.add("atq.instance", () -> INSTANCE);
        registry.add("atq.director-id", () -> "it-director-ct");
    }

    @Test
    void aTaskRunningLongerThanTheConsumerTimeoutIsDeployedOnceAndSucceeds() throws Exception {
        CompletableFuture<String> controlClosed = holdAMessageUnacked();
        TaskRequested request = DirectorITSupport.demoTask(1, Map.of("MODE", "ok", "DURATION", "35"));
        try (EventTap tap = new EventTap(connectionFactory, codec)) {
            publisher.publish(request);

            var events = tap.awaitTerminal(request.taskId(), Duration.ofSeconds(100));

            // The broker does enforce the timeout here: the control consumer's channel was closed.
            assertThat(controlClosed.get(5, TimeUnit.SECONDS)).contains("PRECONDITION_FAILED");
            assertThat(events).extracting(TaskPhaseChanged::phase).extracting(Enum::name).containsExactly(
                    "PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER", "RUNNING", "COLLECTING", "SUCCEEDED");
            long runSeconds = Duration.between(events.getFirst().at(), events.getLast().at()).toSeconds();
            System.out.printf("[numbers] consumer_timeout %ds, run %ds, deliveries %d, services created %s%n", CONSUMER_TIMEOUT.toSeconds(),
                    runSeconds, handler.bodies.stream().filter(b -> b.contains(request.taskId().value())).count(), swarm.createdServices());
            assertThat(runSeconds).isGreaterThan(CONSUMER_TIMEOUT.toSeconds());
            assertThat(handler.bodies).filteredOn(b -> b.contains(request.taskId().value())).hasSize(1);
            assertThat(swarm.createdServices()).filteredOn(n -> n.equals("atq-" + request.taskId() + "-workers")).hasSize(1);
            assertThat(new RabbitAdmin(connectionFactory).getQueueInfo(Topology.REQUEST_QUEUE).getMessageCount()).isZero();
            assertThat(tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45)).complete()).isTrue();
        }
        SwarmLeaks.of(DockerClientFactory.instance().client(), INSTANCE).assertNothingLeft();
    }

    /** A plain consumer that never acknowledges: the broker closes its channel after the consumer timeout. */
    private CompletableFuture<String> holdAMessageUnacked() throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        Connection connection = connectionFactory.createConnection().getDelegate();
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare("atq-test-unacked-" + UUID.randomUUID(), false, false, true, null).getQueue();
        channel.basicPublish("", queue, null, "held".getBytes());
        channel.addShutdownListener((ShutdownSignalException cause) -> closed.complete(String.valueOf(cause.getReason())));
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                // never acknowledged
            }
        });
        return closed;
    }
}
