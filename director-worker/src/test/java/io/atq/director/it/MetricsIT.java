package io.atq.director.it;

import io.atq.contracts.messages.TaskRequested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(value(scrape(), "atq_queue_depth", "")).isGreaterThanOrEqualTo(0));
        String metrics = scrape();

        assertThat(value(metrics, "atq_tasks_phase_total", "phase=\"SUCCEEDED\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "atq_tasks_phase_total", "phase=\"RUNNING\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "atq_phase_duration_seconds_count", "phase=\"RUNNING\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "atq_phase_duration_seconds_sum", "phase=\"RUNNING\"")).isPositive();
        assertThat(metrics).contains("atq_phase_duration_seconds_bucket{");
        assertThat(value(metrics, "atq_docker_calls_seconds_count", "operation=\"create_service\",outcome=\"success\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(metrics, "atq_docker_calls_seconds_count", "operation=\"remove_network\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "resilience4j_circuitbreaker_state", "name=\"docker\",state=\"closed\"")).isEqualTo(1);
        assertThat(value(metrics, "atq_tasks_running", "")).isGreaterThanOrEqualTo(0);
        // The IT configuration sets no capacity: 4 slots (the default), all free again once the task is removed.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(value(scrape(), "atq_capacity_free_slots", "")).isEqualTo(4));
        assertThat(value(metrics, "atq_capacity_cluster_workers", "")).isGreaterThanOrEqualTo(0);
    }

    private String scrape() {
        return web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The sum of every sample of {@code name} whose labels contain {@code labels} (-1 when there is none). */
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
