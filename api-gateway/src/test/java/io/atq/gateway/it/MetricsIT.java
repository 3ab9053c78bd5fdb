package io.atq.gateway.it;

import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.atq.testfixtures.PrometheusSamples.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After a real submit, the Prometheus endpoint shows confirm latency, tasks by phase, the broker breaker and webhook meters. */
class MetricsIT extends GatewayTestBase {

    @Test
    void prometheusShowsPublishConfirmsTasksByPhaseAndTheBrokerBreakerAfterASubmit() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                http.get().uri("/v1/tasks/{id}", id).exchange().expectBody().jsonPath("$.phase").isEqualTo("PROVISIONING"));

        String metrics = scrape();

        assertThat(sum(metrics, "atq_publish_confirm_seconds_count", "outcome=\"acked\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(metrics, "atq_publish_confirm_seconds_sum", "outcome=\"acked\"")).isPositive();
        assertThat(metrics).contains("atq_publish_confirm_seconds_bucket{");
        assertThat(sum(metrics, "atq_tasks_phase", "phase=\"PROVISIONING\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(metrics, "atq_tasks_phase", "phase=\"SUCCEEDED\"")).isGreaterThanOrEqualTo(0);
        assertThat(sum(metrics, "resilience4j_circuitbreaker_state", "name=\"broker\",state=\"closed\"")).isEqualTo(1);
    }

    @Test
    void prometheusShowsWebhookDeliveriesByOutcomeAndTheAttemptTimerFromStartUp() {
        String metrics = scrape();

        for (String outcome : new String[] {"delivered", "retrying", "given_up", "gone", "refused"}) {
            assertThat(sum(metrics, "atq_webhook_deliveries_total", "outcome=\"" + outcome + "\"")).isGreaterThanOrEqualTo(0);
            assertThat(sum(metrics, "atq_webhook_attempt_seconds_count", "outcome=\"" + outcome + "\"")).isGreaterThanOrEqualTo(0);
        }
        assertThat(metrics).contains("atq_webhook_attempt_seconds_bucket{");
    }

    private String scrape() {
        return http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
