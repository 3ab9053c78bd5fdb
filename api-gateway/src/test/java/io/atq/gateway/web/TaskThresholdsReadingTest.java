package io.atq.gateway.web;

import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.contracts.validation.Violation;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;

import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The top-level {@code thresholds} of a request: a latency's bound is an ISO-8601 duration (milliseconds in the spec),
 * every other bound a number; each bad threshold is named by its index and field.
 */
class TaskThresholdsReadingTest {
    private final TaskRequestParser parser =
            new TaskRequestParser(new TaskSpecValidator(TestConfigs.load()), Duration.ofMinutes(30));

    @Test
    void readsLatenciesAsMillisecondsAndOtherMetricsAsNumbersInTheRequestsOrder() {
        TaskSpec spec = parse(withThresholds("""
                {"metric": "p95", "label": "*", "below": "PT0.5S"}, {"metric": "errorRate", "below": 0.01},
                {"metric": "throughput", "above": 100}, {"metric": "max", "label": "checkout", "below": "PT0.0001S"},
                {"metric": "samples", "above": 999}"""));

        assertThat(spec.thresholds()).containsExactly(
                new Threshold("p95", "*", 500.0, null),
                new Threshold("errorRate", "*", 0.01, null),
                new Threshold("throughput", "*", null, 100.0),
                new Threshold("max", "checkout", 0.1, null),
                new Threshold("samples", "*", null, 999.0));
    }

    @Test
    void aLeftOutLabelMeansAllSamples() {
        assertThat(parse(withThresholds("{\"metric\": \"p99\", \"below\": \"PT2S\"}")).thresholds())
                .containsExactly(new Threshold("p99", Threshold.ALL_LABELS, 2000.0, null));
    }

    @Test
    void withoutThresholdsTheSpecHasNone() {
        assertThat(parse(validBodyWith("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\"")).thresholds()).isEmpty();
        assertThat(parse(withThresholds("")).thresholds()).isEmpty();
        assertThat(parse(validBodyWith("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"thresholds\": null")).thresholds()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    // Backticks quote: the messages hold single quotes, the JSON double ones.
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"metric": "p95", "below": 500}                   | thresholds[0].below  | p95 is a latency: give an ISO-8601 duration such as PT0.5S, was 500
            {"metric": "p95", "above": 0.5}                   | thresholds[0].above  | p95 is a latency: give an ISO-8601 duration such as PT0.5S, was 0.5
            {"metric": "mean", "below": "fast"}               | thresholds[0].below  | mean is a latency: give an ISO-8601 duration such as PT0.5S, was 'fast'
            {"metric": "p50", "below": true}                  | thresholds[0].below  | p50 is a latency: give an ISO-8601 duration such as PT0.5S, was a boolean
            {"metric": "errorRate", "below": "PT1S"}          | thresholds[0].below  | errorRate is a number, was 'PT1S'
            {"metric": "throughput", "above": {"n": 1}}       | thresholds[0].above  | throughput is a number, was an object
            {"metric": "p95", "below": "PT-1S"}               | thresholds[0].below  | must be finite and at least 0, was -1000.0
            {"metric": "errorRate", "below": 5}               | thresholds[0].below  | an error rate is a fraction from 0 to 1
            {"metric": "p95", "below": "PT1S", "above": "PT0S"} | thresholds[0]      | must set exactly one of 'below' and 'above'
            {"metric": "p95"}                                 | thresholds[0]        | must set exactly one of 'below' and 'above'
            {"metric": "p42", "below": "PT1S"}                | thresholds[0].metric | must be one of min, mean, p50, p90, p95, p99, max, errorRate
            {"below": 0.5}                                    | thresholds[0].metric | is required
            {"metric": 95, "below": "PT1S"}                   | thresholds[0].metric | must be a string, was an integer
            {"metric": "p95", "label": "", "below": "PT1S"}   | thresholds[0].label  | must be '*' (all samples) or a label
            {"metric": "p95", "below": "PT1S", "unit": "ms"}  | thresholds[0].unit   | is not a known field (known here: above, below, label, metric)
            null                                              | thresholds[0]        | must be an object
            "p95 < 500ms"                                     | thresholds[0]        | must be an object, was a string
            """)
    void namesTheFieldOfABadThreshold(String threshold, String field, String message) {
        Violation violation = violationOf(withThresholds(threshold));

        assertThat(violation.field()).isEqualTo(field);
        assertThat(violation.message()).startsWith(message);
    }

    @Test
    void namesEachBadThresholdByItsIndex() {
        InvalidRequestException e = rejected(withThresholds("""
                {"metric": "p95", "below": "PT1S"}, {"metric": "p95", "below": 1}, {"metric": "errors", "above": "x"}"""));

        assertThat(e.getViolations()).extracting(Violation::field).containsExactly("thresholds[1].below", "thresholds[2].above");
    }

    @Test
    void refusesThresholdsThatAreNotAnArray() {
        assertThat(violationOf(validBodyWith("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"thresholds\": {}")))
                .isEqualTo(new Violation("thresholds", "must be an array, was an object"));
    }

    @Test
    void refusesMoreThan32Thresholds() {
        String one = "{\"metric\": \"samples\", \"above\": 0}";
        Violation violation = violationOf(withThresholds(String.join(", ", Collections.nCopies(33, one))));

        assertThat(violation).isEqualTo(new Violation("thresholds", "at most 32 thresholds, was 33"));
    }

    private static String withThresholds(String thresholds) {
        return validBodyWith("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"thresholds\": [" + thresholds + "]");
    }

    private TaskSpec parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private Violation violationOf(String body) {
        InvalidRequestException e = rejected(body);
        assertThat(e.getViolations()).as("violations of %s", body).hasSize(1);
        return e.getViolations().getFirst();
    }

    private InvalidRequestException rejected(String body) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> parse(body));
        assertThat(e).as("refused: %s", body).isNotNull();
        return e;
    }
}
