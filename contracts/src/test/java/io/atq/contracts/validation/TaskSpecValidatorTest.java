package io.atq.contracts.validation;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskSpecValidatorTest {
    private static final AtqConfig CONFIG = ConfigLoader.parse("test.yaml", new StringReader("""
            limits: { maxReplicas: 10, maxTimeout: PT1H }
            images:
              - imageName: atq/demo-worker:1
                args: [ { name: MODE, required: true }, { name: TEST_NAME } ]
              - imageName: atq/demo-master:1
                args: [ { name: MODE, required: true } ]
            """));
    private final TaskSpecValidator validator = new TaskSpecValidator(CONFIG);

    private static TaskSpec spec(String workerImage, int replicas, Map<String, String> workerArgs, Duration timeout) {
        return new TaskSpec("load", new WorkerSpec(workerImage, replicas, workerArgs, 8080),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")), timeout);
    }

    private static TaskSpec valid() {
        return spec("atq/demo-worker:1", 3, Map.of("MODE", "node"), Duration.ofMinutes(10));
    }

    private void assertSingleViolation(TaskSpec spec, String field, String text) {
        assertThat(validator.validate(spec)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.message()).contains(text);
        });
    }

    @Test
    void acceptsAWhitelistedSpec() {
        assertThat(validator.validate(valid())).isEmpty();
    }

    @Test
    void comparesNormalisedImageReferences() {
        assertThat(validator.validate(spec("docker.io/atq/demo-worker:1", 3, Map.of("MODE", "x"), Duration.ofMinutes(1)))).isEmpty();
    }

    @Test
    void refusesAnImageOutsideTheWhitelist() {
        assertSingleViolation(spec("evil.io/atq/demo-worker:1", 3, Map.of("MODE", "x"), Duration.ofMinutes(1)),
                "workers.image", "not in the image whitelist");
        assertSingleViolation(spec("Atq/Demo-Worker:1", 3, Map.of("MODE", "x"), Duration.ofMinutes(1)),
                "workers.image", "not a valid image reference");
    }

    @Test
    void refusesUndeclaredAndReservedArgsAndRequiresRequiredOnes() {
        assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of("MODE", "x", "EXTRA", "1"), Duration.ofMinutes(1)),
                "workers.args.EXTRA", "not declared");
        assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of("MODE", "x", "REMOTES", "1"), Duration.ofMinutes(1)),
                "workers.args.REMOTES", "reserved");
        assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of("MODE", "x", "atq_task_id", "1"), Duration.ofMinutes(1)),
                "workers.args.atq_task_id", "reserved");
        assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of(), Duration.ofMinutes(1)), "workers.args.MODE", "required");
    }

    @Test
    void refusesArgNamesThatAreNotEnvironmentNames() {
        assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of("MODE", "x", "A=B", "1"), Duration.ofMinutes(1)),
                "workers.args.A=B", "not an environment variable name");
        assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of("MODE", "x", "", "1"), Duration.ofMinutes(1)),
                "workers.args.\"\"", "'' is not an environment variable name");
    }

    @Test
    void refusesControlCharactersInValues() {
        for (String bad : new String[]{"a\nb", "a\u0000b", "a\u202Eb", "\u001b[31m"}) {
            assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of("MODE", bad), Duration.ofMinutes(1)),
                    "workers.args.MODE", "control characters");
        }
    }

    @Test
    void refusesLoneSurrogatesInValuesAndNames() {
        for (String bad : new String[]{"a\uD800", "\uDC00b", "\uDC00\uD800"}) {
            assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of("MODE", bad), Duration.ofMinutes(1)),
                    "workers.args.MODE", "lone UTF-16 surrogate");
            TaskSpec named = new TaskSpec(bad, valid().workers(), valid().master(), valid().timeout());
            assertSingleViolation(named, "name", "lone UTF-16 surrogate");
        }
        assertThat(validator.validate(spec("atq/demo-worker:1", 3, Map.of("MODE", "\uD83D\uDE00"), Duration.ofMinutes(1))))
                .as("a complete pair (an emoji) is fine").isEmpty();
    }

    @Test
    void escapesInvisibleCharactersWhenEchoingABadArgName() {
        assertSingleViolation(spec("atq/demo-worker:1", 3, Map.of("MODE", "x", "A\u202EB", "1"), Duration.ofMinutes(1)),
                "workers.args.A\u202EB", "'A\\u202eB' is not an environment variable name");
    }

    @Test
    void boundsReplicas() {
        assertSingleViolation(spec("atq/demo-worker:1", 0, Map.of("MODE", "x"), Duration.ofMinutes(1)), "workers.replicas", "between 1 and 10");
        assertSingleViolation(spec("atq/demo-worker:1", 11, Map.of("MODE", "x"), Duration.ofMinutes(1)), "workers.replicas", "between 1 and 10");
    }

    @Test
    void boundsTheTimeout() {
        assertSingleViolation(spec("atq/demo-worker:1", 1, Map.of("MODE", "x"), Duration.ofHours(2)), "timeout", "at most PT1H");
        assertSingleViolation(spec("atq/demo-worker:1", 1, Map.of("MODE", "x"), Duration.ZERO), "timeout", "more than zero");
    }

    @Test
    void reportsEveryProblemAtOnceEachWithItsField() {
        Map<String, String> args = new HashMap<>();
        args.put("BOGUS", null);
        TaskSpec spec = new TaskSpec("", new WorkerSpec("nope:1", 0, args, 70000), null, null);
        assertThat(validator.validate(spec)).extracting(Violation::field)
                .containsExactlyInAnyOrder("name", "workers.image", "workers.replicas", "workers.port", "master", "timeout");
    }
}
