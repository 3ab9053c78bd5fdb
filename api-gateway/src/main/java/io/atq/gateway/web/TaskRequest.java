package io.atq.gateway.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.atq.contracts.validation.TaskSpecValidator;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/tasks}, exactly as a client wrote it. Only its JSON shape is checked while reading;
 * what the values may be is {@code TaskSpecValidator}'s job. So any field may be missing ({@code null}).
 *
 * @param name    a short human name
 * @param workers the workers
 * @param master  the master
 * @param timeout an ISO-8601 duration; {@code null} for the default
 * @param labels  CI context (commit, branch, pipeline URL…); {@code null} for none
 * @param bundle  id of an uploaded test-data bundle ({@code POST /v1/bundles}) mounted read-only at {@code /atq/data}
 * @param callbackUrl    where phase changes are delivered as signed webhooks
 * @param callbackEvents {@code all} or {@code terminal} (the default)
 * @param thresholds     bounds the merged results must keep, else the task fails; {@code null} for none
 */
public record TaskRequest(@Nullable String name, @Nullable Workers workers, @Nullable Master master, @Nullable String timeout,
                          @JsonSetter(contentNulls = Nulls.FAIL) @Nullable Map<String, String> labels, @Nullable String bundle,
                          @Nullable String callbackUrl, @Nullable String callbackEvents,
                          @ArraySchema(maxItems = TaskSpecValidator.MAX_THRESHOLDS, arraySchema = @Schema(description = "Bounds the task's merged "
                                  + "results must keep, else it ends FAILED (cause TEST) though its master exited 0; at most "
                                  + "32. A threshold that cannot be measured (no samples, no sample with its label) counts as "
                                  + "breached."))
                          @Nullable List<@Nullable Threshold> thresholds) {

    /**
     * @param replicas boxed so a missing value can be reported as missing rather than as zero
     */
    @Schema(name = "WorkersRequestBody") // not "Workers": that is the view's (replicas and addresses)
    public record Workers(@Nullable String image, @Nullable Integer replicas,
                          @JsonSetter(contentNulls = Nulls.FAIL) @Nullable Map<String, String> args, @Nullable Integer port) {
    }

    @Schema(name = "MasterRequestBody")
    public record Master(@Nullable String image, @JsonSetter(contentNulls = Nulls.FAIL) @Nullable Map<String, String> args) {
    }

    /**
     * One threshold as written: its bound is a JSON value whose kind depends on the metric (a duration string for a
     * latency, a number for the others), so it is read as whatever it is (a {@code String}, a {@code Number}, ...)
     * and checked by the parser.
     *
     * @param metric {@code min}, {@code mean}, {@code p50}, {@code p90}, {@code p95}, {@code p99}, {@code max},
     *               {@code errorRate}, {@code throughput}, {@code samples} or {@code errors}
     * @param label  the label whose samples count; {@code null} (or {@code *}) for all samples
     * @param below  the value must stay under this
     * @param above  the value must exceed this
     */
    @Schema(name = "ThresholdRequest", description = "A bound on one figure of the merged results; exactly one of below and above")
    public record Threshold(
            @Schema(description = "min, mean, p50, p90, p95, p99, max (latencies), errorRate (a fraction from 0 to 1), "
                    + "throughput (samples per second), samples, errors (counts)", requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable String metric,
            @Schema(description = "The label (sampler, request name) whose samples count; '*' (the default) for all",
                    defaultValue = "*")
            @Nullable String label,
            @Schema(description = "The measured value must be strictly below this: for a latency an ISO-8601 duration "
                    + "(\"PT0.5S\"), else a number", oneOf = {String.class, Double.class})
            @Nullable Object below,
            @Schema(description = "The measured value must be strictly above this: for a latency an ISO-8601 duration, "
                    + "else a number", oneOf = {String.class, Double.class})
            @Nullable Object above) {
    }
}
