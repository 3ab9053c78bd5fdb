package io.atq.gateway.it;

import io.atq.contracts.names.Topology;
import io.atq.gateway.TaskRequests;
import io.atq.gateway.TestConfigs;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real gateway on a random port against the shared real broker, with the test YAML. Every subclass gets the same
 * properties, so Spring's test context cache starts this gateway once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestBase {
    static final Path CONFIG = TestConfigs.write();
    static final String INSTANCE = "atq-test-gateway";

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        SharedBroker.register(registry);
        registry.add("atq.config", CONFIG::toString);
        registry.add("atq.instance", () -> INSTANCE);
        // Short, so a test sees keep-alive comments without waiting 15 s.
        registry.add("atq.gateway.sse-keep-alive", () -> "1s");
    }

    @LocalServerPort
    int port;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;

    WebTestClient http;
    FakeDirector director;

    @BeforeEach
    void connect() {
        http = client(port);
        director = new FakeDirector(rabbit);
    }

    static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(15))
                .defaultHeader("Authorization", "Bearer atq-dev-token") // the dev client of the embedded config
                .build();
    }

    /** Submits a valid task; returns its id. */
    String submit() {
        return submit(http, TaskRequests.valid());
    }

    static String submit(WebTestClient http, String body) {
        String location = http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        assertThat(location).startsWith("/v1/tasks/");
        return location.substring("/v1/tasks/".length());
    }

    /** Messages ready on the request queue (no director consumes in these tests). */
    long requestQueueDepth() {
        QueueInformation info = admin.getQueueInfo(Topology.REQUEST_QUEUE);
        assertThat(info).as("request queue declared").isNotNull();
        return info.getMessageCount();
    }

    void purgeRequests() {
        admin.purgeQueue(Topology.REQUEST_QUEUE, false);
    }

    void awaitPhase(String id, String phase) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/v1/tasks/{id}", id).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.phase").isEqualTo(phase));
    }
}
