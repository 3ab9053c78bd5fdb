package io.atq.director.it;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.names.Topology;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.testfixtures.DockerApiProxy;
import io.atq.director.support.EventTap;
import io.atq.director.swarm.SwarmClient;
import io.atq.testfixtures.DockerApiProxy;
import io.atq.testfixtures.SwarmLeaks;
import io.atq.testfixtures.TestBroker;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Docker outage: the director reaches Docker only through a proxy the test cuts while a task runs. Its own virtual
 * host on the shared broker keeps the other IT classes' director away from its queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DockerOutageIT {
    static final String INSTANCE = "atq-test-dout-" + UUID.randomUUID().toString().substring(0, 8);
    static final Path SHARED_PATH = Path.of("target", "it-shared", INSTANCE).toAbsolutePath();
    static final DockerApiProxy PROXY = DockerApiProxy.start(Path.of("/var/run/docker.sock"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    MessageCodec codec;
    @Autowired
    ConfirmedPublisher publisher;
    @Autowired
    SwarmClient swarm;
    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void director(DynamicPropertyRegistry registry) throws Exception {
        RabbitMQContainer broker = TestBroker.get();
        TestBroker.addVhost(INSTANCE);
        Files.createDirectories(SHARED_PATH);
        Path config = SHARED_PATH.resolveSibling(INSTANCE + ".yaml");
        try (var template = DockerOutageIT.class.getResourceAsStream("/atq-it.yaml")) {
            Files.writeString(config, new String(template.readAllBytes()).replace("@SHARED_PATH@", SHARED_PATH.toString()));
        }
        registry.add("spring.rabbitmq.host", broker::getHost);
        registry.add("spring.rabbitmq.port", broker::getAmqpPort);
        registry.add("spring.rabbitmq.username", broker::getAdminUsername);
        registry.add("spring.rabbitmq.password", broker::getAdminPassword);
        registry.add("spring.rabbitmq.virtual-host", () -> INSTANCE);
        registry.add("atq.config", config::toString);
        registry.add("atq.instance", () -> INSTANCE);
        registry.add("atq.director-id", () -> "it-director-dout");
        registry.add("atq.docker.host", PROXY::dockerHost);
        registry.add("atq.director.deadlines.cleanup", () -> "30s");
    }

    @AfterAll
    static void stopProxy() {
        PROXY.close();
    }

    @Test
    void aDockerOutagePausesIntakeAndTheRunningTaskResumesWhenDockerIsBack() throws Exception {
        try (EventTap tap = new EventTap(connectionFactory, codec)) {
            TaskRequested inFlight = task("25");
            publisher.publish(inFlight);
            tap.awaitPhase(inFlight.taskId(), Phase.RUNNING, Duration.ofSeconds(90));

            Instant cutAt = Instant.now();
            PROXY.cut();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "OPEN".equals(health().at("/components/dockerCircuit/details/state").asString()));
            Duration toOpen = Duration.between(cutAt, Instant.now());
            JsonNode cutHealth = health();
            assertThat(cutHealth.at("/components/docker/status").asString()).isEqualTo("DOWN");
            assertThat(cutHealth.at("/components/dockerCircuit/details/takingRequests").asBoolean()).isFalse();

            TaskRequested queued = task(null);
            publisher.publish(queued);
            RabbitAdmin admin = new RabbitAdmin(connectionFactory);
            List<QueueInformation> samples = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread.sleep(2000);
                samples.add(admin.getQueueInfo(Topology.REQUEST_QUEUE));
            }
            // Intake is stopped: the request waits in the queue, undelivered (so its delivery count cannot climb).
            assertThat(samples).allSatisfy(info -> {
                assertThat(info.getMessageCount()).as("ready requests during the cut").isGreaterThanOrEqualTo(1);
                assertThat(info.getConsumerCount()).as("request consumers during the cut").isZero();
            });
            assertThat(tap.phases(queued.taskId())).isEmpty();
            assertThat(tap.phases(inFlight.taskId())).noneMatch(p -> p.phase().isTerminal());

            Instant restoredAt = Instant.now();
            Duration cutFor = Duration.between(cutAt, restoredAt);
            PROXY.restore();

            List<TaskPhaseChanged> first = tap.awaitTerminal(inFlight.taskId(), Duration.ofMinutes(2));
            List<TaskPhaseChanged> second = tap.awaitTerminal(queued.taskId(), Duration.ofMinutes(2));
            TaskCleanedUp firstCleaned = tap.awaitCleanedUp(inFlight.taskId(), Duration.ofSeconds(60));
            TaskCleanedUp secondCleaned = tap.awaitCleanedUp(queued.taskId(), Duration.ofSeconds(60));
            Duration toResume = Duration.between(restoredAt, second.getFirst().at());

            System.out.printf("[docker-outage] circuit OPEN %d ms after the cut; cut for %d s; queued request taken %d ms after restore; "
                            + "in-flight: %s, queued: %s; queue during cut: %s%n",
                    toOpen.toMillis(), cutFor.toSeconds(), toResume.toMillis(), first.getLast().phase(), second.getLast().phase(),
                    samples.stream().map(s -> s.getMessageCount() + " ready/" + s.getConsumerCount() + " consumers").toList());

            assertThat(first.getLast().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(first.stream().map(TaskPhaseChanged::phase).distinct().count()).as("no phase twice").isEqualTo(first.size());
            assertThat(second.getLast().phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(firstCleaned.complete()).isTrue();
            assertThat(secondCleaned.complete()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(health().at("/components/dockerCircuit/details/state").asString()));
            SwarmLeaks.of(DockerClientFactory.instance().client(), INSTANCE).assertNothingLeft();
        }
    }

    private JsonNode health() {
        byte[] body = web.get().uri("/actuator/health").exchange().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /** One demo worker and a master that "runs the load" for {@code duration} seconds (none when null). */
    private static TaskRequested task(String duration) {
        Map<String, String> master = duration == null ? Map.of("MODE", "ok", "TEST_NAME", "it-docker-outage")
                : Map.of("MODE", "ok", "TEST_NAME", "it-docker-outage", "DURATION", duration);
        return new TaskRequested(TaskId.random(),
                new TaskSpec("it-docker-outage", new WorkerSpec("atq/demo-worker:1", 1, Map.of("MODE", "ok"), 8080),
                        new MasterSpec("atq/demo-master:1", master), Duration.ofMinutes(3)),
                Instant.now());
    }
}
