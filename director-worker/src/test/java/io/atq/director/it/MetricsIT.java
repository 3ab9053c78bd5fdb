package io.atq.director.it;

import io.atq.contracts.messages.TaskRequested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static io.atq.testfixtures.PrometheusSamples.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After a real demo run, the Prometheus endpoint shows the director's meters with values that fit the run. */
class MetricsIT extends DirectorITSupport {
    @Autowired
    WebTestClient web;

    @Test
    void prometheusShowsPhasesDurationsDockerCallsBreakersQueueDepthAndRunningTasksAfterARun() {
        TaskRequested request = demoTask(1, Map.of("MODE", "ok", "TEST_NAME", "it-metrics"));
        publish(request);
        tap.awaitTerminal(request.taskId(), RUN_LIMIT);
        tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45));

        // The queue depth is refreshed every few seconds: wait for the first read rather than assume it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sum(scrape(), "atq_queue_depth", "")).isGreaterThanOrEqualTo(0));
        String metrics = scrape();

        assertThat(sum(metrics, "atq_tasks_phase_total", "phase=\"SUCCEEDED\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(metrics, "atq_tasks_phase_total", "phase=\"RUNNING\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(metrics, "atq_phase_duration_seconds_count", "phase=\"RUNNING\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(metrics, "atq_phase_duration_seconds_sum", "phase=\"RUNNING\"")).isPositive();
        assertThat(metrics).contains("atq_phase_duration_seconds_bucket{");
        assertThat(sum(metrics, "atq_docker_calls_seconds_count", "operation=\"create_service\",outcome=\"success\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(sum(metrics, "atq_docker_calls_seconds_count", "operation=\"remove_network\"")).isGreaterThanOrEqualTo(1);
        assertThat(sum(metrics, "resilience4j_circuitbreaker_state", "name=\"docker\",state=\"closed\"")).isEqualTo(1);
        assertThat(sum(metrics, "atq_tasks_running", "")).isGreaterThanOrEqualTo(0);
        // The IT configuration sets no capacity: 4 slots (the default), all free again once the task is removed.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sum(scrape(), "atq_capacity_free_slots", "")).isEqualTo(4));
        assertThat(sum(metrics, "atq_capacity_cluster_workers", "")).isGreaterThanOrEqualTo(0);
    }

    private String scrape() {
        return web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
