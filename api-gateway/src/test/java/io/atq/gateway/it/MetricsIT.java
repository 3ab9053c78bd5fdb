package io.atq.gateway.it;

import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

        assertThat(value(metrics, "atq_publish_confirm_seconds_count", "outcome=\"acked\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "atq_publish_confirm_seconds_sum", "outcome=\"acked\"")).isPositive();
        assertThat(metrics).contains("atq_publish_confirm_seconds_bucket{");
        assertThat(value(metrics, "atq_tasks_phase", "phase=\"PROVISIONING\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "atq_tasks_phase", "phase=\"SUCCEEDED\"")).isGreaterThanOrEqualTo(0);
        assertThat(value(metrics, "resilience4j_circuitbreaker_state", "name=\"broker\",state=\"closed\"")).isEqualTo(1);
    }

    @Test
    void prometheusShowsWebhookDeliveriesByOutcomeAndTheAttemptTimerFromStartUp() {
        String metrics = scrape();

        for (String outcome : new String[] {"delivered", "retrying", "given_up", "gone", "refused"}) {
            assertThat(value(metrics, "atq_webhook_deliveries_total", "outcome=\"" + outcome + "\"")).isGreaterThanOrEqualTo(0);
            assertThat(value(metrics, "atq_webhook_attempt_seconds_count", "outcome=\"" + outcome + "\"")).isGreaterThanOrEqualTo(0);
        }
        assertThat(metrics).contains("atq_webhook_attempt_seconds_bucket{");
    }

    private String scrape() {
        return http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The sum of every sample of {@code name} whose labels contain {@code labels}; fails when there is none. */
    private static double value(String metrics, String name, String labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            String tags = m.group(1) == null ? "" : m.group(1);
            if (tags.contains(labels)) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        assertThat(found).as("%s{%s} in%n%s", name, labels, metrics).isTrue();
        return sum;
    }
}
