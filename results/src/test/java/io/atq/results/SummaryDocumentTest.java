package io.atq.results;

import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary document the API serves, parsed back: its fields in their order, and the values of the summary. */
class SummaryDocumentTest {
    private static final long T0 = 1_796_601_600_000L;

    private static ResultsSummary summary() {
        Samples samples = new Samples(10);
        for (int i = 0; i < 40; i++) {
            samples.add(new Sample(T0 + i * 50L, (10 + i) * 1_000L, i < 30 ? "home" : "login", i % 8 != 0));
        }
        return ResultsSummary.of(samples, List.of(new ResultsFile("results/master.jtl", "jtl-csv", 40, 2)),
                List.of(new UnreadableFile("results/old.jtl", "an XML JTL")), List.of("results/users.csv"));
    }

    @Test
    void writesEveryPartOfTheSummaryInAStableOrder() {
        ResultsSummary summary = summary();

        JsonNode document = JsonMapper.builder().build().readTree(SummaryDocument.json(summary, List.of()));

        assertThat(document.propertyNames()).containsExactly("precision", "overall", "labels", "labelsCapped", "series",
                "files", "unreadable", "skipped", "thresholds");
        assertThat(document.get("precision").get("latency").stringValue()).isEqualTo("3 significant digits (within 0.1 %)");
        assertThat(document.get("precision").get("seriesP95").stringValue()).isEqualTo("2 significant digits (within 1 %)");
        JsonNode overall = document.get("overall");
        assertThat(overall.propertyNames()).containsExactly("samples", "errors", "errorRate", "throughput", "latencyMs");
        assertThat(overall.get("samples").asLong()).isEqualTo(40);
        assertThat(overall.get("errors").asLong()).isEqualTo(5);
        assertThat(overall.get("errorRate").doubleValue()).isEqualTo(summary.overall().errorRate());
        assertThat(overall.get("throughput").doubleValue()).isEqualTo(summary.overall().throughput());
        assertThat(overall.get("latencyMs").propertyNames()).containsExactly("min", "mean", "p50", "p90", "p95", "p99", "max");
        assertThat(overall.get("latencyMs").get("p95").doubleValue()).isEqualTo(summary.overall().p95Millis());
        assertThat(document.get("labels").propertyNames()).containsExactly("home", "login");
        assertThat(document.get("labels").get("login").get("samples").asLong()).isEqualTo(10);
        assertThat(document.get("labelsCapped").booleanValue()).isFalse();

        JsonNode series = document.get("series");
        assertThat(series.get("resolutionSeconds").asLong()).isEqualTo(1);
        assertThat(series.get("points")).hasSize(2);
        JsonNode first = series.get("points").get(0);
        assertThat(first.propertyNames()).containsExactly("t", "requests", "errors", "p95Ms");
        assertThat(first.get("t").stringValue()).isEqualTo("2026-12-07T00:00:00Z");
        assertThat(first.get("requests").asLong()).isEqualTo(20);
        assertThat(first.get("errors").asLong()).isEqualTo(3);
        assertThat(first.get("p95Ms").doubleValue()).isEqualTo(summary.series().getFirst().p95Millis());

        JsonNode file = document.get("files").get(0);
        assertThat(file.propertyNames()).containsExactly("path", "format", "samples", "malformedRows");
        assertThat(file.get("malformedRows").asLong()).isEqualTo(2);
        assertThat(document.get("unreadable").get(0).get("problem").stringValue()).isEqualTo("an XML JTL");
        assertThat(document.get("skipped").get(0).stringValue()).isEqualTo("results/users.csv");
        assertThat(document.get("thresholds")).isEmpty();
    }

    @Test
    void writesEachThresholdWithItsOneBoundAndANullWhenNothingWasMeasured() {
        ResultsSummary summary = summary();
        List<ThresholdOutcome> outcomes = ThresholdCheck.evaluate(List.of(new Threshold("p95", "*", 500.0, null),
                new Threshold("throughput", "checkout", null, 5.0)), summary);

        JsonNode thresholds = JsonMapper.builder().build().readTree(SummaryDocument.json(summary, outcomes)).get("thresholds");

        JsonNode held = thresholds.get(0);
        assertThat(held.propertyNames()).containsExactly("metric", "label", "below", "measured", "passed", "message");
        assertThat(held.get("below").doubleValue()).isEqualTo(500.0);
        assertThat(held.get("measured").doubleValue()).isEqualTo(summary.overall().p95Millis());
        assertThat(held.get("passed").booleanValue()).isTrue();
        assertThat(held.get("message").stringValue()).isEqualTo(outcomes.getFirst().message());
        JsonNode unmeasured = thresholds.get(1);
        assertThat(unmeasured.propertyNames()).containsExactly("metric", "label", "above", "measured", "passed", "message");
        assertThat(unmeasured.get("label").stringValue()).isEqualTo("checkout");
        assertThat(unmeasured.get("measured").isNull()).isTrue();
        assertThat(unmeasured.get("passed").booleanValue()).isFalse();
    }
}
