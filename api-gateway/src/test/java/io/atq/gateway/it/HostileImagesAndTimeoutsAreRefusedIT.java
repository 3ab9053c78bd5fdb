package io.atq.gateway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;

import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.assertj.core.api.Assertions.assertThat;

/** Image names that only look whitelisted, and timeouts outside ISO-8601 or the limit: a 400 naming the field. */
class HostileImagesAndTimeoutsAreRefusedIT extends HostileRequestTestBase {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\u0430tq/demo-worker:1",                       // Cyrillic a
            "\uFF41tq/demo-worker:1",                       // full-width a
            "atq/demo\u200D-worker:1",                      // zero-width joiner
            "atq/demo-worker:1\u202E",                      // bidi override
            "evil.io/atq/demo-worker:1",
            "localhost:5000/atq/demo-worker:1",
            "atq/demo-worker:1@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "atq/demo-worker:1@sha256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
            "ATQ/DEMO-WORKER:1",
            "DOCKER.IO/atq/demo-worker:1",
            "../atq/demo-worker:1",
            "atq/demo-worker:1/../../x",
            "%2e%2e/atq/demo-worker:1",
            "atq/demo-worker:1 ",
            "atq/demo-worker",
            "atq/demo-worker:2",
            ""})
    void refusesAWorkerImageThatIsNotExactlyWhitelisted(String image) {
        refusedWorkerImage(image);
    }

    @Test
    void saysWhetherAnImageIsMalformedOrOnlyNotWhitelisted() {
        refusedWorkerImage("\u0430tq/demo-worker:1").jsonPath("$.errors[0].message").value(String.class, message ->
                assertThat(message).contains("is not a valid repository name component (lower-case letters, digits, separators)"));
        refusedWorkerImage("DOCKER.IO/atq/demo-worker:1").jsonPath("$.errors[0].message")
                .isEqualTo("'DOCKER.IO/atq/demo-worker:1' is not in the image whitelist (GET /v1/images lists it)");
        refusedWorkerImage("").jsonPath("$.errors[0].message").isEqualTo("is required");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"evil.io/atq/demo-master:1\"", "\"atq/demo-master:1\\n\"", "null", "7", "[\"atq/demo-master:1\"]"})
    void refusesAHostileMasterImage(String image) {
        String body = validBodyWith("\"atq/demo-master:1\"", image);
        assertRefused(post(body.getBytes(StandardCharsets.UTF_8)), 400, "master.image");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"P1000Y\"", "\"-PT1S\"", "\"PT0S\"", "\"PT2H\"", "\"1h\"", "\"\"", "\"PT99999999999999999999H\"",
            "\"P10675199232D\"", "\"PT10M\\u0000\"", "600", "true", "{ \"minutes\": 10 }"})
    void refusesATimeoutThatIsNotAnAllowedDuration(String timeout) {
        String body = validBodyWith("\"PT10M\"", timeout);
        assertRefused(post(body.getBytes(StandardCharsets.UTF_8)), 400, "timeout")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).startsWith("timeout: "));
    }

    private WebTestClient.BodyContentSpec refusedWorkerImage(String image) {
        String body = validBodyWith("\"atq/demo-worker:1\"", jsonString(image));
        return assertRefused(post(body.getBytes(StandardCharsets.UTF_8)), 400, "workers.image");
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
