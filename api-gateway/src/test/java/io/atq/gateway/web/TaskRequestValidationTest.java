package io.atq.gateway.web;

import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.contracts.validation.Violation;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.problems.InvalidRequestException;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The values of a well-formed request: whitelist, declared args, limits, timeout; all problems at once. */
class TaskRequestValidationTest {
    private final TaskRequestParser parser =
            new TaskRequestParser(new TaskSpecValidator(TestConfigs.load()), Duration.ofMinutes(30));

    @Test
    void turnsAValidRequestIntoTheSpec() {
        TaskSpec spec = parse(TaskRequests.validBody());
        assertThat(spec.name()).isEqualTo("checkout-load");
        assertThat(spec.workers().image()).isEqualTo("atq/demo-worker:1");
        assertThat(spec.workers().replicas()).isEqualTo(3);
        assertThat(spec.workers().args()).isEqualTo(Map.of("MODE", "node"));
        assertThat(spec.workers().port()).isEqualTo(8080);
        assertThat(spec.master().args()).isEqualTo(Map.of("MODE", "master"));
        assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void appliesTheDefaultTimeoutWhenNoneIsGiven() {
        assertThat(parse(validBodyWith(",\n  \"timeout\": \"PT10M\"", "")).timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(parse(validBodyWith("\"PT10M\"", "null")).timeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "atq/demo-worker:1"  | "atq/other:1"             | workers.image        | is not in the image whitelist
            "atq/demo-master:1"  | "Not A Reference"         | master.image         | is not a valid image reference
            "MODE": "node"       | "MODE": "node", "X": "1"  | workers.args.X       | is not declared for image
            "args": { "MODE": "node" } | "args": {}          | workers.args.MODE    | is required for image
            "MODE": "master"     | "ATQ_X": "1", "MODE": "m" | master.args.ATQ_X    | is reserved: the platform injects it
            "MODE": "master"     | "REMOTES": "a", "MODE": "m" | master.args.REMOTES | is reserved
            "MODE": "node"       | "MODE": "a\\nb"            | workers.args.MODE    | must not contain control characters
            "replicas": 3        | "replicas": 0             | workers.replicas     | must be between 1 and 10, was 0
            "replicas": 3        | "replicas": 11            | workers.replicas     | must be between 1 and 10, was 11
            "port": 8080         | "port": 70000             | workers.port         | must be between 1 and 65535
            "PT10M"              | "PT2H"                    | timeout              | must be more than zero and at most PT1H, was PT2H
            "PT10M"              | "PT0S"                    | timeout              | must be more than zero
            "PT10M"              | "ten minutes"             | timeout              | must be an ISO-8601 duration such as PT10M, was
            "checkout-load"      | ""                        | name                 | is required
            """)
    void namesTheFieldOfAnInvalidValue(String from, String to, String field, String message) {
        InvalidRequestException e = rejected(validBodyWith(from, to));
        assertThat(e.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.message()).contains(message);
        });
    }

    @Test
    void reportsEveryProblemAtOnceAndSummarisesThemInTheMessage() {
        String body = """
                { "name": "x", "workers": { "image": "atq/nope:1", "replicas": 0 },
                  "master": { "image": "atq/demo-master:1" }, "timeout": "soon" }""";
        InvalidRequestException e = rejected(body);
        assertThat(e.getViolations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("timeout", "workers.image", "workers.replicas", "master.args.MODE");
        assertThat(e.getMessage()).startsWith("4 problems: ").contains("timeout: must be an ISO-8601 duration");
    }

    @Test
    void reportsMissingPartsAsRequired() {
        InvalidRequestException e = rejected("{ \"name\": \"x\" }");
        assertThat(e.getViolations()).contains(new Violation("workers", "is required"), new Violation("master", "is required"));
    }

    private TaskSpec parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private InvalidRequestException rejected(String body) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> parse(body));
        assertThat(e).as("rejected: %s", body).isNotNull();
        return e;
    }
}
