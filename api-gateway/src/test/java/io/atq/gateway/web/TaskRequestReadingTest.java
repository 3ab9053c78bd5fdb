package io.atq.gateway.web;

import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.contracts.validation.Violation;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The JSON shape of a request: strict reading, every error naming the JSON path of the field. */
class TaskRequestReadingTest {
    private final TaskRequestParser parser =
            new TaskRequestParser(new TaskSpecValidator(TestConfigs.load()), Duration.ofMinutes(30));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "replicas": 3          | "replicas": "3"            | workers.replicas   | must be an integer, was a string
            "replicas": 3          | "replicas": 3.5            | workers.replicas   | must be an integer, was a decimal number
            "replicas": 3          | "replicas": true           | workers.replicas   | must be an integer, was a boolean
            "replicas": 3          | "replicas": 99999999999    | workers.replicas   | is out of range
            "port": 8080           | "port": "8080"             | workers.port       | must be an integer, was a string
            "MODE": "node"         | "MODE": 5                  | workers.args.MODE  | must be a string, was an integer
            "MODE": "node"         | "MODE": null               | workers.args.MODE  | must not be null
            "MODE": "node"         | "MODE": ["node"]           | workers.args.MODE  | must be a string, was an array
            "port": 8080           | "port": 8080, "cpus": 2    | workers.cpus       | is not a known field (known here: args, image, port, replicas)
            "timeout": "PT10M"     | "timeout": "PT10M", "x": 1 | x                  | is not a known field
            "name": "checkout-load"| "name": 42                 | name               | must be a string, was an integer
            "timeout": "PT10M"     | "timeout": 600             | timeout            | must be a string, was an integer
            "args": { "MODE": "master" } | "args": ["MODE"]     | master.args        | must be an object whose values are strings, was an array
            """)
    void namesTheFieldOfAShapeError(String from, String to, String field, String message) {
        assertThat(violationOf(validBodyWith(from, to))).satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.message()).startsWith(message);
        });
    }

    @Test
    void reportsMalformedJsonWithLineAndColumn() {
        Violation violation = violationOf("{ \"name\": \"x\",\n  \"workers\": { \"image\": } }");
        assertThat(violation.field()).isEqualTo("workers.image");
        assertThat(violation.message()).contains("not well-formed JSON at line 2");
    }

    @Test
    void reportsMalformedJsonAtTheTopLevelAsTheBody() {
        Violation violation = violationOf("name=checkout");
        assertThat(violation.field()).isEqualTo("$");
        assertThat(violation.message()).contains("not well-formed JSON at line 1, column");
    }

    @Test
    void reportsATruncatedBodyAtTheFieldItEndsIn() {
        Violation violation = violationOf("{ \"name\": ");
        assertThat(violation.field()).isEqualTo("name");
        assertThat(violation.message()).contains("not well-formed JSON").contains("end-of-input");
    }

    @Test
    void refusesTrailingContentAfterTheObject() {
        assertThat(violationOf(validBodyWith("\"PT10M\" }", "\"PT10M\" } {}")).message()).contains("not well-formed JSON").contains("Trailing");
    }

    @Test
    void refusesADuplicateKey() {
        Violation violation = violationOf(validBodyWith("\"name\": \"checkout-load\"", "\"name\": \"a\", \"name\": \"b\""));
        assertThat(violation.message()).contains("Duplicate").contains("name");
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertThat(violationOf("[1, 2]")).isEqualTo(new Violation("$", "must be an object, was an array"));
        assertThat(violationOf("null")).isEqualTo(new Violation("$", "must be a JSON object, was null"));
    }

    @Test
    void refusesAnEmptyBody() {
        assertThat(violationOf("").field()).isEqualTo("$");
    }

    @Test
    void reportsMissingReplicasAsRequiredRatherThanZero() {
        InvalidRequestException e = rejected(validBodyWith("\"replicas\": 3, ", ""));
        assertThat(e.getViolations()).containsExactly(new Violation("workers.replicas", "is required"));
    }

    private Violation violationOf(String body) {
        InvalidRequestException e = rejected(body);
        assertThat(e.getViolations()).hasSize(1);
        return e.getViolations().getFirst();
    }

    private InvalidRequestException rejected(String body) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("rejected: %s", body).isNotNull();
        return e;
    }
}
