package io.atq.gateway.it;

import io.atq.gateway.GatewayApplication;
import io.atq.gateway.TestConfigs;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A gateway whose broker cannot be reached answers 503 with Retry-After at once, and reports itself DOWN. */
class BrokerUnavailableIT {
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient http;

    @BeforeAll
    static void startAGatewayPointedAtAClosedPort() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--spring.rabbitmq.host=localhost", "--spring.rabbitmq.port=" + closed,
                "--atq.config=" + TestConfigs.write(), "--atq.instance=atq-test-unavailable",
                "--atq.gateway.retry-after=7s");
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + ((WebServerApplicationContext) gateway).getWebServer().getPort())
                .defaultHeader("Authorization", "Bearer " + GatewayTestBase.DEV_TOKEN)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void answersASubmitWith503AndRetryAfterWithoutHanging() {
        long start = System.nanoTime();
        EntityExchangeResult<byte[]> result = submit()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "7")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:atq:problem:broker-unavailable")
                .jsonPath("$.retryable").isEqualTo(true)
                .jsonPath("$.reason").value(String.class, r -> assertThat(r).isIn("CONNECTION", "CIRCUIT_OPEN"))
                .returnResult();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.getResponseBody()).isNotNull();
        http.get().uri("/v1/tasks").exchange().expectBody().json("{\"items\": [], \"nextCursor\": null}");
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndThenFailsFast() {
        String reason = null;
        for (int attempt = 0; attempt < 6 && !"CIRCUIT_OPEN".equals(reason); attempt++) {
            reason = new String(submit().expectStatus().isEqualTo(503).expectBody().returnResult().getResponseBody())
                    .replaceAll(".*\"reason\":\"([A-Z_]+)\".*", "$1");
        }
        assertThat(reason).isEqualTo("CIRCUIT_OPEN");
    }

    @Test
    void reportsItselfDown() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.components.rabbit.status").isEqualTo("DOWN")
                .jsonPath("$.components.readModel.details.state").isEqualTo("replaying");
    }

    private static WebTestClient.ResponseSpec submit() {
        return http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(TaskRequests.validBody()).exchange();
    }
}
