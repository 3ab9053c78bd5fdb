package io.atq.gateway.web;

import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The top-level {@code labels} object of a request: strings only, validated by the shared rules, kept in order. */
class TaskLabelsReadingTest {
    private final TaskRequestParser parser =
            new TaskRequestParser(new TaskSpecValidator(TestConfigs.load()), Duration.ofMinutes(30));

    @Test
    void mapsLabelsOntoTheSpec() {
        TaskSpec spec = parse(withLabels("{ \"branch\": \"main\", \"commit\": \"1a2b3c\", \"pipeline\": \"https://ci.example/p/1\" }"));
        assertThat(spec.labels()).containsExactly(Map.entry("branch", "main"), Map.entry("commit", "1a2b3c"),
                Map.entry("pipeline", "https://ci.example/p/1"));
    }

    @Test
    void withoutLabelsTheSpecHasNone() {
        assertThat(parse(validBodyWith("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\"")).labels()).isEmpty();
    }

    @Test
    void namesTheLabelOfAShapeOrRuleError() {
        assertThat(field(withLabels("{ \"branch\": 7 }"))).isEqualTo("labels.branch");
        assertThat(field(withLabels("{ \"branch\": null }"))).isEqualTo("labels.branch");
        assertThat(field(withLabels("[\"branch\"]"))).isEqualTo("labels");
        assertThat(field(withLabels("{ \"bad key!\": \"x\" }"))).isEqualTo("labels.bad key!");
        assertThat(field(withLabels("{ \"branch\": \"" + "x".repeat(300) + "\" }"))).isEqualTo("labels.branch");
    }

    private static String withLabels(String labels) {
        return validBodyWith("\"timeout\": \"PT10M\"", "\"timeout\": \"PT10M\", \"labels\": " + labels);
    }

    private TaskSpec parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private String field(String body) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> parse(body));
        assertThat(e).as("refused: %s", body).isNotNull();
        return e.getViolations().getFirst().field();
    }
}
