package io.atq.gateway.it;

import io.atq.contracts.phase.Phase;
import io.atq.gateway.tasks.CatchUp;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Another gateway started later, or one that lost its broker connection, rebuilds the read model by replaying the task log. */
class ReplayIT extends GatewayTestBase {

    @Test
    void aGatewayStartedLaterAnswersForTasksSubmittedBefore() {
        String queued = submit();
        String running = submit();
        director.moves(running, Phase.PROVISIONING, Phase.STARTING_WORKERS);
        awaitPhase(running, "STARTING_WORKERS");

        try (ConfigurableApplicationContext second = startAnotherGateway()) {
            WebTestClient other = client(((WebServerApplicationContext) second).getWebServer().getPort());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> other.get().uri("/actuator/health").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.components.readModel.status").isEqualTo("UP"));

            other.get().uri("/v1/tasks/{id}", queued).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.phase").isEqualTo("QUEUED");
            other.get().uri("/v1/tasks/{id}", running).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.phase").isEqualTo("STARTING_WORKERS")
                    .jsonPath("$.history.length()").isEqualTo(3);

            // And it keeps following the log live.
            director.moves(running, Phase.CANCELLED);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> other.get().uri("/v1/tasks/{id}", running)
                    .exchange().expectBody().jsonPath("$.phase").isEqualTo("CANCELLED"));
        }
    }

    @Test
    void aGatewayThatLostItsBrokerConnectionReplaysTheLogAgainAndKeepsFollowingIt() {
        String task = submit();
        director.moves(task, Phase.PROVISIONING);
        awaitPhase(task, "PROVISIONING");

        try (ConfigurableApplicationContext second = startAnotherGateway()) {
            WebTestClient other = client(((WebServerApplicationContext) second).getWebServer().getPort());
            CatchUp catchUp = second.getBean(CatchUp.class);
            await().atMost(Duration.ofSeconds(20)).until(catchUp::isCaughtUp);
            String firstRound = catchUp.awaitedNonce();

            // Closes the connection under the task-log consumer: the container subscribes again from the first message.
            second.getBean(CachingConnectionFactory.class).resetConnection();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(catchUp.awaitedNonce()).isNotEqualTo(firstRound);
                assertThat(catchUp.isCaughtUp()).isTrue();
            });
            director.moves(task, Phase.STARTING_WORKERS);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> other.get().uri("/v1/tasks/{id}", task)
                    .exchange().expectBody().jsonPath("$.phase").isEqualTo("STARTING_WORKERS")
                    .jsonPath("$.history.length()").isEqualTo(3));
        }
    }
}
