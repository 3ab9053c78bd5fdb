package io.atq.results;

import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The summary as the JSON document {@code GET /v1/tasks/{id}/summary} serves, fields always in this order:
 * <pre>
 * {"precision": {"latency": "3 significant digits (within 0.1 %)", "seriesP95": "2 significant digits (within 1 %)"},
 *  "overall": {"samples": 1200, "errors": 3, "errorRate": 0.0025, "throughput": 40.0,
 *              "latencyMs": {"min": 1.2, "mean": 48.3, "p50": 41.0, "p90": 90.1, "p95": 120.3, "p99": 300.5, "max": 812.0}},
 *  "labels": {"home": {...as overall}},
 *  "labelsCapped": false,
 *  "series": {"resolutionSeconds": 1, "points": [{"t": "2026-12-07T06:00:00Z", "requests": 40, "errors": 0, "p95Ms": 118.0}]},
 *  "files": [{"path": "results/master.jtl", "format": "jtl-csv", "samples": 1200, "malformedRows": 0}],
 *  "unreadable": [{"path": "results/old.jtl", "problem": "an XML JTL: ..."}],
 *  "skipped": ["results/users.csv"],
 *  "thresholds": [{"metric": "p95", "label": "*", "below": 500.0, "measured": 120.3, "passed": true,
 *                  "message": "p95 of all samples below 500.0 ms: was 120.3 ms, held"}]}
 * </pre>
 * {@code latencyMs} is empty without samples; a threshold has {@code below} or {@code above}, and {@code measured} is
 * null when nothing could be measured. Latencies are milliseconds, {@code throughput} per second, {@code t} the start of
 * a point's step (ISO-8601, UTC).
 */
public final class SummaryDocument {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SummaryDocument() {
    }

    /** The document, UTF-8 JSON. */
    public static byte[] json(ResultsSummary summary, List<ThresholdOutcome> outcomes) {
        ObjectNode document = JSON.createObjectNode();
        ObjectNode precision = document.putObject("precision");
        precision.put("latency", "3 significant digits (within 0.1 %)");
        precision.put("seriesP95", "2 significant digits (within 1 %)");
        figures(document.putObject("overall"), summary.overall());
        ObjectNode labels = document.putObject("labels");
        summary.labels().forEach((label, figures) -> figures(labels.putObject(label), figures));
        document.put("labelsCapped", summary.labelsCapped());
        ObjectNode series = document.putObject("series");
        series.put("resolutionSeconds", summary.seriesResolutionSeconds());
        ArrayNode points = series.putArray("points");
        for (SeriesPoint point : summary.series()) {
            points.addObject().put("t", point.start().toString()).put("requests", point.requests())
                    .put("errors", point.errors()).put("p95Ms", point.p95Millis());
        }
        ArrayNode files = document.putArray("files");
        for (ResultsFile file : summary.files()) {
            files.addObject().put("path", file.path()).put("format", file.format()).put("samples", file.samples())
                    .put("malformedRows", file.malformedRows());
        }
        ArrayNode unreadable = document.putArray("unreadable");
        for (UnreadableFile file : summary.unreadable()) {
            unreadable.addObject().put("path", file.path()).put("problem", file.problem());
        }
        ArrayNode skipped = document.putArray("skipped");
        summary.skipped().forEach(skipped::add);
        ArrayNode thresholds = document.putArray("thresholds");
        outcomes.forEach(outcome -> threshold(thresholds.addObject(), outcome));
        return JSON.writeValueAsBytes(document);
    }

    private static void figures(ObjectNode node, Figures figures) {
        node.put("samples", figures.count()).put("errors", figures.errors()).put("errorRate", figures.errorRate())
                .put("throughput", figures.throughput());
        ObjectNode latency = node.putObject("latencyMs");
        figures.latencyMillis().forEach(latency::put);
    }

    private static void threshold(ObjectNode node, ThresholdOutcome outcome) {
        Threshold threshold = outcome.threshold();
        node.put("metric", threshold.metric()).put("label", threshold.label());
        if (threshold.below() != null) {
            node.put("below", threshold.below());
        }
        if (threshold.above() != null) {
            node.put("above", threshold.above());
        }
        node.put("measured", outcome.measured()).put("passed", outcome.passed()).put("message", outcome.message());
    }
}
