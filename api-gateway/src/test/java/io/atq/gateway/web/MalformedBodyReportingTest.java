package io.atq.gateway.web;

import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.contracts.validation.Violation;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.atq.testfixtures.TaskRequests.validBody;
import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How a body that is not UTF-8 JSON is reported: the field it breaks in, in words meant for the client. */
class MalformedBodyReportingTest {
    private final TaskRequestParser parser =
            new TaskRequestParser(new TaskSpecValidator(TestConfigs.load()), Duration.ofMinutes(30));

    @Test
    void refusesAByteOrderMarkThatJacksonWouldSkip() {
        byte[] body = ("\uFEFF" + validBody()).getBytes(StandardCharsets.UTF_8);
        assertThat(violationOf(body)).isEqualTo(new Violation("$",
                "must not start with a byte order mark: JSON is sent as UTF-8 without one"));
    }

    @Test
    void refusesUtf16AndOtherEncodingsThatJacksonWouldGuess() {
        assertThat(violationOf(validBody().getBytes(StandardCharsets.UTF_16)).message()).startsWith("is not UTF-8: byte 0 (0xfe)");
        assertThat(violationOf(validBody().getBytes(StandardCharsets.UTF_16LE)).message()).contains("not well-formed JSON");
        assertThat(violationOf(validBodyWith("node", "n\u00f6de").getBytes(StandardCharsets.ISO_8859_1)).message())
                .startsWith("is not UTF-8: byte ").endsWith("(0xf6) does not start a valid UTF-8 sequence");
    }

    @Test
    void refusesAnEncodedSurrogateHalf() {
        byte[] body = validBodyWith("node", "XX").getBytes(StandardCharsets.UTF_8);
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("XX", "\u00ed\u00a0\u0080");
        assertThat(violationOf(text.getBytes(StandardCharsets.ISO_8859_1)).message()).contains("(0xed) does not start a valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ \"name\": \"a\" } {}", "// c\n{}", "{ \"workers\": { \"replicas\": NaN } }",
            "{ \"name\": \"a\"", "{ \"name\": 12345678901234567890123456789012345678901234567890123456789012345678901234567890"})
    void keepsJacksonsSwitchesAndTypesOutOfTheMessage(String body) {
        assertThat(violationOf(body).message()).contains("not well-formed JSON")
                .doesNotContain("`").doesNotContain("Feature").doesNotContain("jackson").doesNotContain("REDACTED");
    }

    @Test
    void saysAnErrorBetweenMembersIsJustAfterTheLastField() {
        assertThat(violationOf(validBodyWith("\"timeout\"", "timeout")))
                .isEqualTo(new Violation("master", "is not well-formed JSON at line 4, column 3, just after this field: "
                        + "Unexpected character ('t' (code 116)): was expecting double-quote to start property name"));
        assertThat(violationOf("{ \"name\": \"a\", \"workers\": { \"image\": \"x\"").message()).contains("just after this field");
    }

    @Test
    void namesTheFieldAnErrorInsideAValueBreaks() {
        assertThat(violationOf("{ \"name\": \"che").message()).doesNotContain("just after");
        assertThat(violationOf(validBodyWith("checkout-load", "check\nout"))).extracting(Violation::field).isEqualTo("name");
        assertThat(violationOf(validBodyWith("\"replicas\": 3", "\"replicas\": NaN")).field()).isEqualTo("workers.replicas");
        assertThat(violationOf(validBodyWith("\"name\": \"checkout-load\"", "\"name\": \"a\", \"x\": 1, \"name\": \"b\"")))
                .extracting(Violation::field).isEqualTo("name");
    }

    @Test
    void namesTheRequestFieldWhoseValueNestsTooDeeply() {
        assertThat(violationOf(validBodyWith("\"node\"", "[".repeat(10_000) + "]".repeat(10_000))))
                .isEqualTo(new Violation("workers.args.MODE",
                        "is not well-formed JSON: Document nesting depth (501) exceeds the maximum allowed (500)"));
        assertThat(violationOf("{ \"name\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + " }").field())
                .isEqualTo("name.a.a");
    }

    @Test
    void showsAnEmptyKeyAsTwoQuotes() {
        assertThat(violationOf(validBodyWith("{ \"name\"", "{ \"\": 1, \"name\"")).field()).isEqualTo("\"\"");
    }

    private Violation violationOf(String body) {
        return violationOf(body.getBytes(StandardCharsets.UTF_8));
    }

    private Violation violationOf(byte[] body) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> parser.parse(body));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getViolations()).hasSize(1);
        return e.getViolations().getFirst();
    }
}
