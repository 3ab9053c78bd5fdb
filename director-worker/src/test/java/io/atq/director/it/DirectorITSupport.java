package io.atq.director.it;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.support.EventTap;
import io.atq.director.swarm.SwarmClient;
import io.atq.testfixtures.SwarmLeaks;
import io.atq.testfixtures.TestBroker;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real director (Spring context shared by every IT class) on a real broker and this machine's swarm. Every test
 * publishes TaskRequested like a gateway would, watches the events on its own queue, waits for the clean-up, and
 * asserts that nothing labelled with the test instance is left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(DirectorTestHooks.class)
abstract class DirectorITSupport {
    static final String INSTANCE = "atq-test-" + UUID.randomUUID().toString().substring(0, 8);
    static final Path SHARED_PATH = Path.of("target", "it-shared", INSTANCE).toAbsolutePath();
    static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    static final Duration REAPER_INTERVAL = Duration.ofSeconds(2);

    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    MessageCodec codec;
    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    SwarmClient swarm;

    EventTap tap;
    final List<TaskId> published = new ArrayList<>();

    @DynamicPropertySource
    static void director(DynamicPropertyRegistry registry) {
        RabbitMQContainer broker = TestBroker.get();
        registry.add("spring.rabbitmq.host", broker::getHost);
        registry.add("spring.rabbitmq.port", broker::getAmqpPort);
        registry.add("spring.rabbitmq.username", broker::getAdminUsername);
        registry.add("spring.rabbitmq.password", broker::getAdminPassword);
        registry.add("atq.config", DirectorITSupport::writeConfig);
        registry.add("atq.instance", () -> INSTANCE);
        registry.add("atq.director-id", () -> "it-director");
        registry.add("atq.director.deadlines.cleanup", () -> "30s");
        registry.add("atq.director.reaper.interval", () -> REAPER_INTERVAL.toMillis() + "ms");
        registry.add("atq.director.reaper.heartbeat", () -> "500ms");
        registry.add("atq.director.reaper.lease", () -> "2s");
    }

    /** Every property a second director in this JVM needs (same broker, config and instance; its own id and port). */
    static Map<String, Object> secondDirector(String directorId) {
        RabbitMQContainer broker = TestBroker.get();
        return Map.ofEntries(
                Map.entry("spring.rabbitmq.host", broker.getHost()),
                Map.entry("spring.rabbitmq.port", broker.getAmqpPort()),
                Map.entry("spring.rabbitmq.username", broker.getAdminUsername()),
                Map.entry("spring.rabbitmq.password", broker.getAdminPassword()),
                Map.entry("atq.config", SHARED_PATH.resolveSibling(INSTANCE + ".yaml").toString()),
                Map.entry("atq.instance", INSTANCE),
                Map.entry("atq.director-id", directorId),
                Map.entry("atq.director.deadlines.cleanup", "30s"),
                Map.entry("atq.director.reaper.interval", REAPER_INTERVAL.toMillis() + "ms"),
                Map.entry("atq.director.reaper.heartbeat", "500ms"),
                Map.entry("atq.director.reaper.lease", "2s"),
                Map.entry("server.port", "0"));
    }

    private static String writeConfig() {
        try (InputStream template = DirectorITSupport.class.getResourceAsStream("/atq-it.yaml")) {
            Files.createDirectories(SHARED_PATH);
            String yaml = new String(template.readAllBytes(), StandardCharsets.UTF_8).replace("@SHARED_PATH@", SHARED_PATH.toString());
            Path file = SHARED_PATH.resolveSibling(INSTANCE + ".yaml");
            Files.writeString(file, yaml);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void tapEvents() {
        tap = new EventTap(connectionFactory, codec);
    }

    @AfterEach
    void everyTaskIsCleanedUpAndNothingIsLeft() {
        try {
            for (TaskId taskId : published) {
                tap.awaitCleanedUp(taskId, Duration.ofSeconds(45));
            }
            SwarmLeaks.of(DockerClientFactory.instance().client(), INSTANCE).assertNothingLeft();
        } finally {
            tap.close();
        }
    }

    /** A request for the demo images, as a gateway would publish it. */
    static TaskRequested demoTask(int workers, Map<String, String> masterArgs) {
        return new TaskRequested(TaskId.random(),
                new TaskSpec("it", new WorkerSpec("atq/demo-worker:1", workers, Map.of("MODE", "ok", "TEST_NAME", "it"), 8080),
                        new MasterSpec("atq/demo-master:1", masterArgs), Duration.ofMinutes(2)),
                Instant.now());
    }

    /** Publishes with the director's own confirmed publisher (exchange, routing key, type, headers as in the brief). */
    void publish(TaskMessage message) {
        if (message instanceof TaskRequested request) {
            published.add(request.taskId());
        }
        publisher.publish(message);
    }

    static List<String> phaseNames(List<io.atq.contracts.messages.TaskPhaseChanged> events) {
        return events.stream().map(e -> e.phase().name()).toList();
    }
}
