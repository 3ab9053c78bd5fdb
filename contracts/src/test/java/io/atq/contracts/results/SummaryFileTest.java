package io.atq.contracts.results;

import io.atq.contracts.messages.ResultSummary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryFileTest {
    private static SummaryFile.Outcome read(String json) {
        return SummaryFile.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(String json) {
        SummaryFile.Outcome outcome = read(json);
        assertThat(outcome).as(json).isInstanceOf(SummaryFile.Unusable.class);
        return ((SummaryFile.Unusable) outcome).problem();
    }

    @Test
    void aFullSummaryIsReadWithItsPercentilesAndNamedNumbers() {
        SummaryFile.Outcome outcome = read("""
                {"samples": 1200, "errors": 3, "throughput": 40.5,
                 "latencyMs": {"p50": 12.1, "p99": 80, "max": 120.25},
                 "metrics": {"checkout_ok_ratio": 0.9975, "delta-vs-baseline": -2.5}}""");

        assertThat(outcome).isEqualTo(new SummaryFile.Read(new ResultSummary(1200L, 3L, 40.5,
                Map.of("p50", 12.1, "p99", 80.0, "max", 120.25), Map.of("checkout_ok_ratio", 0.9975, "delta-vs-baseline", -2.5))));
    }

    @Test
    void everyFigureIsOptionalAndUnknownFieldsAreIgnored() {
        assertThat(read("{\"tool\": \"k6\", \"samples\": 5}"))
                .isEqualTo(new SummaryFile.Read(new ResultSummary(5L, null, null, Map.of(), Map.of())));
        assertThat(read("{}")).isEqualTo(new SummaryFile.Read(new ResultSummary(null, null, null, Map.of(), Map.of())));
    }

    @Test
    void aFileThatIsNotAJsonObjectIsUnusableAndSaysSo() {
        assertThat(problem("not json")).startsWith("results/summary.json: not JSON");
        assertThat(problem("[1, 2]")).isEqualTo("results/summary.json: must be a JSON object");
        assertThat(problem("{\"samples\": 1, \"samples\": 2}")).startsWith("results/summary.json: not JSON");
    }

    @Test
    void aWrongValueNamesItsField() {
        assertThat(problem("{\"samples\": -1}")).isEqualTo("results/summary.json: samples: must be a whole number of at least 0, was -1");
        assertThat(problem("{\"samples\": 1.5}")).contains("samples: must be a whole number");
        assertThat(problem("{\"errors\": \"3\"}")).contains("errors: must be a whole number");
        assertThat(problem("{\"samples\": 2, \"errors\": 3}")).isEqualTo("results/summary.json: errors: 3 is more than samples 2");
        assertThat(problem("{\"throughput\": -0.5}")).contains("throughput: must be a number of at least 0");
        assertThat(problem("{\"latencyMs\": {\"p99\": -1}}")).contains("latencyMs.p99: must be a number of at least 0, was -1");
        assertThat(problem("{\"latencyMs\": [1]}")).contains("latencyMs: must be an object of names to numbers");
        assertThat(problem("{\"metrics\": {\"ok\": \"yes\"}}")).contains("metrics.ok: must be a finite number");
        assertThat(problem("{\"metrics\": {\"a b\": 1}}")).contains("metrics: the name 'a b' must be 1-64 letters");
    }

    @Test
    void tooManyEntriesOrTooManyBytesAreRefused() {
        StringBuilder many = new StringBuilder("{\"metrics\": {");
        for (int i = 0; i <= SummaryFile.MAX_ENTRIES; i++) {
            many.append(i == 0 ? "" : ",").append("\"m").append(i).append("\": ").append(i);
        }
        assertThat(problem(many.append("}}").toString())).contains("metrics: at most 32 entries, had 33");

        byte[] big = new byte[SummaryFile.MAX_BYTES + 1];
        assertThat(((SummaryFile.Unusable) SummaryFile.read(big)).problem()).isEqualTo("results/summary.json: larger than 65536 bytes (65537)");
    }
}
