package io.atq.gateway.idempotency;

import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.tasks.Submission;
import io.atq.gateway.web.TaskRequestParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A key names one task per client; a request's hash ignores how it was spelled; the first on the log decides. */
class DerivedIdsAndRequestHashesTest {
    private final TaskRequestParser parser = new TaskRequestParser(new TaskSpecValidator(TestConfigs.load()), Duration.ofMinutes(30));
    private final IdempotencyKey key = new IdempotencyKey("build-1234/attempt-1");

    private TaskSpec parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameClientAndKeyAlwaysNameTheSameTask() {
        assertThat(key.taskId("team-a")).isEqualTo(new IdempotencyKey("build-1234/attempt-1").taskId("team-a"));
    }

    @Test
    void anotherClientOrAnotherKeyNamesAnotherTask() {
        assertThat(key.taskId("team-a")).isNotEqualTo(key.taskId("team-b"));
        assertThat(key.taskId("team-a")).isNotEqualTo(new IdempotencyKey("build-1234/attempt-2").taskId("team-a"));
    }

    @Test
    void derivedIdsAreLowerCaseVersion8Uuids() {
        String id = key.taskId("team-a").value();
        UUID uuid = UUID.fromString(id);

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(uuid.version()).isEqualTo(8);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.toString()).isEqualTo(id);
    }

    @Test
    void acceptsPrintableAsciiKeysUpTo255Characters() {
        assertThat(IdempotencyKey.from(List.of())).isEmpty();
        assertThat(IdempotencyKey.from(List.of("a b~!"))).hasValue(new IdempotencyKey("a b~!"));
        assertThat(new IdempotencyKey("k".repeat(255)).value()).hasSize(255);
    }

    @Test
    void refusesEmptyLongNonAsciiAndRepeatedKeys() {
        assertThatThrownBy(() -> new IdempotencyKey("")).hasMessageContaining("1-255 characters");
        assertThatThrownBy(() -> new IdempotencyKey("k".repeat(256))).hasMessageContaining("was 256");
        assertThatThrownBy(() -> new IdempotencyKey("clé")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> new IdempotencyKey("a\tb")).hasMessageContaining("character 2");
        assertThatThrownBy(() -> IdempotencyKey.from(List.of("a", "b"))).hasMessageContaining("given 2 times");
    }

    @Test
    void hashesTheParsedRequestSoSpacingKeyOrderAndEqualSpellingsDoNotMatter() {
        String compact = """
                {"name":"x","workers":{"image":"atq/demo-worker:1","replicas":2,"args":{"MODE":"node","TEST_NAME":"t"}},\
                "master":{"image":"atq/demo-master:1","args":{"MODE":"master"}},"timeout":"PT10M"}""";
        String reordered = """
                { "timeout": "PT600S",
                  "master":  { "args": { "MODE": "master" }, "image": "atq/demo-master:1" },
                  "workers": { "args": { "TEST_NAME": "t", "MODE": "node" }, "replicas": 2, "image": "atq/demo-worker:1" },
                  "name": "x" }""";

        assertThat(RequestFingerprint.of(parse(reordered))).isEqualTo(RequestFingerprint.of(parse(compact)));
        assertThat(RequestFingerprint.canonical(parse(compact))).contains("\"args\":{\"MODE\":\"node\",\"TEST_NAME\":\"t\"}");
    }

    @Test
    void anyDifferenceInTheRequestChangesItsHash() {
        String one = """
                {"name":"x","workers":{"image":"atq/demo-worker:1","replicas":2,"args":{"MODE":"node"}},\
                "master":{"image":"atq/demo-master:1","args":{"MODE":"master"}}}""";

        assertThat(RequestFingerprint.of(parse(one.replace("\"replicas\":2", "\"replicas\":3")))).isNotEqualTo(RequestFingerprint.of(parse(one)));
        assertThat(RequestFingerprint.of(parse(one.replace("\"name\":\"x\"", "\"name\":\"y\"")))).isNotEqualTo(RequestFingerprint.of(parse(one)));
        assertThat(RequestFingerprint.of(parse(one))).matches("[0-9a-f]{64}");
    }

    @Test
    void aReplayWithOtherThresholdsIsAnotherRequest() {
        String one = """
                {"name":"x","workers":{"image":"atq/demo-worker:1","replicas":2,"args":{"MODE":"node"}},\
                "master":{"image":"atq/demo-master:1","args":{"MODE":"master"}},\
                "thresholds":[{"metric":"p95","below":"PT0.5S"},{"metric":"errorRate","below":0.01}]}""";
        String hash = RequestFingerprint.of(parse(one));

        assertThat(RequestFingerprint.of(parse(one.replace("PT0.5S", "PT0.6S")))).isNotEqualTo(hash);
        assertThat(RequestFingerprint.of(parse(one.replace("\"below\":0.01", "\"above\":0.01")))).isNotEqualTo(hash);
        assertThat(RequestFingerprint.of(parse(one.replace(",{\"metric\":\"errorRate\",\"below\":0.01}", "")))).isNotEqualTo(hash);
        assertThat(RequestFingerprint.of(parse(one.replace("{\"metric\":\"p95\",", "{\"metric\":\"p95\",\"label\":\"checkout\",")))).isNotEqualTo(hash);
        // Equal spellings are the same request: PT0.5S is 500 ms, as is PT0.500S; a left-out label is "*".
        assertThat(RequestFingerprint.of(parse(one.replace("PT0.5S", "PT0.500S")))).isEqualTo(hash);
        assertThat(RequestFingerprint.of(parse(one.replace("{\"metric\":\"p95\",", "{\"metric\":\"p95\",\"label\":\"*\",")))).isEqualTo(hash);
        Submission first = new Submission("team-a", "s1", "k", hash);
        assertThat(SubmissionVerdict.judge(first, new Submission("team-a", "s2", "k",
                RequestFingerprint.of(parse(one.replace("PT0.5S", "PT1S")))))).isEqualTo(SubmissionVerdict.CONFLICT);
    }

    @Test
    void theFirstRequestOnTheLogIsOursAReplayOrAConflict() {
        Submission first = new Submission("team-a", "s1", "k", "h1");

        assertThat(SubmissionVerdict.judge(first, new Submission("team-a", "s1", "k", "h1"))).isEqualTo(SubmissionVerdict.OURS);
        assertThat(SubmissionVerdict.judge(first, new Submission("team-a", "s2", "k", "h1"))).isEqualTo(SubmissionVerdict.REPLAY);
        assertThat(SubmissionVerdict.judge(first, new Submission("team-a", "s2", "k", "h2"))).isEqualTo(SubmissionVerdict.CONFLICT);
        assertThat(SubmissionVerdict.judge(first, new Submission("team-b", "s2", "k", "h1"))).isEqualTo(SubmissionVerdict.CONFLICT);
        assertThat(SubmissionVerdict.judge(new Submission("team-a", "s1", null, null), new Submission("team-a", "s2", "k", null)))
                .isEqualTo(SubmissionVerdict.CONFLICT);
    }
}
