package io.atq.gateway.it;

import io.atq.contracts.names.Topology;
import io.atq.gateway.GatewayApplication;
import io.atq.gateway.TestConfigs;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    /**
     * Tokens of the clients in atq-test.yaml: dev (admin), team-a and team-b (submitters), limited (2 tasks, 5 workers),
     * hooks (a submitter with a webhook secret).
     */
    static final String DEV_TOKEN = "atq-dev-token";
    static final String TEAM_A_TOKEN = "team-a-token";
    static final String TEAM_B_TOKEN = "team-b-token";
    static final String LIMITED_TOKEN = "limited-token";
    static final String HOOKS_TOKEN = "hooks-token";

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

    /** A client of the gateway on {@code port} sending the dev admin's token. */
    static WebTestClient client(int port) {
        return client(port, DEV_TOKEN);
    }

    /** A client of the gateway on {@code port} sending {@code token} ({@code null}: no Authorization header). */
    static WebTestClient client(int port, String token) {
        WebTestClient.Builder builder = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(15));
        if (token != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return builder.build();
    }

    /** A second gateway on the same broker and configuration (close it); it replays the task log like any other. */
    static ConfigurableApplicationContext startAnotherGateway() {
        List<String> args = new ArrayList<>(SharedBroker.arguments());
        args.add("--server.port=0");
        args.add("--atq.config=" + CONFIG);
        args.add("--atq.instance=" + INSTANCE);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .run(args.toArray(String[]::new));
        assertThat(context.isRunning()).isTrue();
        return context;
    }

    static int portOf(ConfigurableApplicationContext gateway) {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    /** Submits a valid task; returns its id. */
    String submit() {
        return submit(http, TaskRequests.validBody());
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
