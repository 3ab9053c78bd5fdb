package io.atq.gateway.web;

import io.atq.contracts.messages.CallbackEvents;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code callbackUrl} and {@code callbackEvents} at the top of the body map onto the spec's callback. */
class CallbackFieldsReadingTest {
    private static final String TIMEOUT = "\"timeout\": \"PT10M\"";
    private final TaskRequestParser parser =
            new TaskRequestParser(new TaskSpecValidator(TestConfigs.load()), Duration.ofMinutes(30));

    @Test
    void aCallbackDefaultsToTerminalEventsAndAllIsRead() {
        TaskSpec terminal = parse(TIMEOUT + ", \"callbackUrl\": \"https://hooks.example.test/atq\"");
        TaskSpec all = parse(TIMEOUT + ", \"callbackUrl\": \"https://hooks.example.test/atq\", \"callbackEvents\": \"all\"");

        assertThat(terminal.callback().url()).isEqualTo("https://hooks.example.test/atq");
        assertThat(terminal.callback().events()).isEqualTo(CallbackEvents.TERMINAL);
        assertThat(all.callback().events()).isEqualTo(CallbackEvents.ALL);
        assertThat(parse(TIMEOUT).callback()).isNull();
    }

    @Test
    void anUnknownEventsValueIsRefusedNamingCallbackEvents() {
        InvalidRequestException e = refuse(TIMEOUT + ", \"callbackUrl\": \"https://h.example.test/\", \"callbackEvents\": \"some\"");

        assertThat(e.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("callbackEvents");
            assertThat(v.message()).contains("'all' or 'terminal'");
        });
    }

    @Test
    void eventsWithoutAUrlOrAUrlOfAnotherSchemeAreRefusedNamingCallbackUrl() {
        assertThat(refuse(TIMEOUT + ", \"callbackEvents\": \"all\"").getViolations())
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("callbackUrl"));
        assertThat(refuse(TIMEOUT + ", \"callbackUrl\": \"file:///etc/passwd\"").getViolations())
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("callbackUrl"));
        assertThat(refuse(TIMEOUT + ", \"callbackUrl\": 5").getViolations())
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("callbackUrl"));
    }

    private TaskSpec parse(String replacement) {
        return parser.parse(validBodyWith(TIMEOUT, replacement).getBytes(StandardCharsets.UTF_8));
    }

    private InvalidRequestException refuse(String replacement) {
        return catchThrowableOfType(InvalidRequestException.class, () -> parse(replacement));
    }
}
