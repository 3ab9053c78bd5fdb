package io.atq.contracts.validation;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.CallbackEvents;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskContextValidationTest {
    private static final AtqConfig CONFIG = ConfigLoader.loadEmbedded();
    private final TaskSpecValidator validator = new TaskSpecValidator(CONFIG);

    private static TaskSpec spec(Map<String, String> labels, String bundle, Callback callback) {
        return new TaskSpec("load", new WorkerSpec("atq/demo-worker:1", 2, Map.of("MODE", "pass"), 8080),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "pass")), Duration.ofMinutes(5), labels, bundle, callback);
    }

    private void assertSingleViolation(TaskSpec spec, String field, String text) {
        assertThat(validator.validate(spec)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.message()).contains(text);
        });
    }

    @Test
    void acceptsLabelsABundleIdAndAnHttpsCallback() {
        TaskSpec spec = spec(Map.of("branch", "main", "ci/pipeline", "https://ci.example/p/1"), "a".repeat(64),
                new Callback("https://hooks.example/atq", CallbackEvents.ALL));
        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void namesTheLabelThatIsBad() {
        assertSingleViolation(spec(Map.of("bad key", "x"), null, null), "labels.bad key", "a label key is");
        assertSingleViolation(spec(Map.of("branch", "x".repeat(257)), null, null), "labels.branch", "at most 256");
        assertSingleViolation(spec(Map.of("branch", "a\nb"), null, null), "labels.branch", "control characters");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 33; i++) {
            many.put("k" + i, "v");
        }
        assertSingleViolation(spec(many, null, null), "labels", "at most 32 labels");
    }

    @Test
    void aBundleMustBeAnId() {
        assertSingleViolation(spec(Map.of(), "../../etc", null), "bundle", "must be a bundle id");
    }

    @Test
    void aCallbackMustBeAPlainAbsoluteHttpUrl() {
        assertSingleViolation(spec(Map.of(), null, new Callback("ftp://x/y", null)), "callbackUrl", "absolute http or https");
        assertSingleViolation(spec(Map.of(), null, new Callback("https://u:p@x/y", null)), "callbackUrl", "credentials");
        assertSingleViolation(spec(Map.of(), null, new Callback("/relative", null)), "callbackUrl", "absolute http or https");
        assertSingleViolation(spec(Map.of(), null, new Callback(null, CallbackEvents.ALL)), "callbackUrl", "is required");
    }

    @Test
    void aCallbackWithoutEventsDeliversTheTerminalPhaseOnly() {
        assertThat(new Callback("https://x/", null).events()).isEqualTo(CallbackEvents.TERMINAL);
    }
}
