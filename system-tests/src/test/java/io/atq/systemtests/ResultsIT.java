package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Results read from every worker's {@code /atq/results}, merged exactly and gated by thresholds, through a real gateway,
 * director and swarm: the demo workers write k6's CSV form ({@code SAMPLES}) or hostile files ({@code MODE=hostile}).
 * A breached threshold failing a task whose master exited 0 is {@code CiScriptIT}'s case, through the CI script.
 */
class ResultsIT extends SystemTestBase {

    ResultsIT() {
        super(1);
    }

    @Test
    void workersK6ResultsAreMergedExactlyAndHeldThresholdsKeepTheTaskSucceeded() throws IOException {
        String id = gateway.submit(body("results-merged", 3, "\"SAMPLES\": \"4000\", \"ERROR_EVERY\": \"25\"", """
                [{"metric": "p95", "below": "PT10S"}, {"metric": "errorRate", "below": 0.05},
                 {"metric": "samples", "above": 11999}, {"metric": "p99", "label": "GET /search", "below": "PT10S"}]"""));
        JsonNode view = gateway.awaitTerminal(id);

        assertThat(view.get("phase").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
        JsonNode results = view.get("results");
        assertThat(results.get("samples").asLong()).isEqualTo(12_000);
        assertThat(results.get("errors").asLong()).isEqualTo(480);
        assertThat(results.get("filesRead").asInt()).isEqualTo(3);
        assertThat(results.get("thresholds")).hasSize(4).allSatisfy(t -> assertThat(t.get("passed").asBoolean()).as(t.toString()).isTrue());

        // Every worker's own folder, kept as results/workers/<slot>/.
        Path workers = system.sharedPath().resolve("tasks").resolve(id).resolve("results/workers");
        Map<String, List<Double>> byLabel = new HashMap<>();
        List<Double> all = new ArrayList<>();
        for (int slot = 1; slot <= 3; slot++) {
            readK6(workers.resolve(slot + "/k6.csv"), all, byLabel);
        }
        assertThat(all).hasSize(12_000);

        AtqClient.Reply reply = gateway.get("/v1/tasks/" + id + "/summary");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode summary = reply.json();
        double exact = nearestRank(all, 95);
        assertThat(summary.get("overall").get("latencyMs").get("p95").asDouble())
                .as("merged p95 against the exact p95 of the concatenated samples (histogram: 3 significant digits)")
                .isCloseTo(exact, within(exact * 0.001 + 0.001));
        assertThat(results.get("latencyMs").get("p95").asDouble()).isCloseTo(exact, within(exact * 0.001 + 0.001));
        for (Map.Entry<String, List<Double>> label : byLabel.entrySet()) {
            double p99 = nearestRank(label.getValue(), 99);
            assertThat(summary.get("labels").get(label.getKey()).get("latencyMs").get("p99").asDouble()).as(label.getKey())
                    .isCloseTo(p99, within(p99 * 0.001 + 0.001));
        }
        long seriesRequests = 0;
        for (JsonNode point : summary.get("series").get("points")) {
            seriesRequests += point.get("requests").asLong();
        }
        assertThat(seriesRequests).as("the 1 s series counts every request").isEqualTo(12_000);
        assertThat(summary.get("files")).hasSize(3);
    }

    @Test
    void hostileResultsFilesAreReportedUnreadableAndTheVerdictStands() {
        String id = gateway.submit(body("results-hostile", 1, "\"MODE\": \"hostile\"", null));
        JsonNode view = gateway.awaitTerminal(id);

        assertThat(view.get("phase").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
        JsonNode results = view.get("results");
        List<String> unreadable = new ArrayList<>();
        results.get("unreadable").forEach(u -> unreadable.add(u.asString()));
        assertThat(unreadable).anySatisfy(u -> assertThat(u).startsWith("results/workers/1/huge.jtl"))
                .anySatisfy(u -> assertThat(u).startsWith("results/workers/1/xml.jtl"));
        assertThat(results.get("samples").asLong()).as("labels.csv: a million requests, each its own label")
                .isGreaterThanOrEqualTo(1_000_000);
        JsonNode summary = gateway.get("/v1/tasks/" + id + "/summary").json();
        assertThat(summary.get("labelsCapped").asBoolean()).isTrue();
        assertThat(summary.get("labels").size()).isLessThan(1_000);
        // The director that read them still runs tasks.
        assertThat(gateway.awaitTerminal(gateway.submit(body("results-after-hostile", 1, "\"SAMPLES\": \"10\"", null)))
                .get("phase").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aThresholdOfTheWrongKindIsRefusedNamingItsField() {
        AtqClient.Reply reply = gateway.post("/v1/tasks", body("results-invalid", 1, "\"SAMPLES\": \"10\"",
                "[{\"metric\": \"p95\", \"below\": 500}, {\"metric\": \"p42\", \"below\": 0.5}]"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("thresholds[0].below").contains("thresholds[1].metric");
    }

    private static String body(String name, int replicas, String workerArgs, String thresholds) {
        String args = workerArgs.contains("\"MODE\"") ? workerArgs : "\"MODE\": \"node\", " + workerArgs;
        return """
                { "name": "%s",
                  "workers": { "image": "atq/demo-worker:1", "replicas": %d, "args": { %s }, "port": 8080 },
                  "master":  { "image": "atq/demo-master:1", "args": { "MODE": "master" } },
                  "timeout": "PT5M"%s }
                """.formatted(name, replicas, args, thresholds == null ? "" : ", \"thresholds\": " + thresholds);
    }

    /** The request durations of a k6 CSV file, overall and by its {@code name} column. */
    private static void readK6(Path file, List<Double> all, Map<String, List<Double>> byLabel) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            lines.filter(line -> line.startsWith("http_req_duration,")).forEach(line -> {
                String[] columns = line.split(",", -1);
                double millis = Double.parseDouble(columns[2]);
                all.add(millis);
                byLabel.computeIfAbsent(columns[9], k -> new ArrayList<>()).add(millis);
            });
        }
    }

    private static double nearestRank(List<Double> values, double percent) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
