package io.atq.contracts.tasks;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.UnreadableMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskIdTest {
    private static final String RAW = "7f9c0d2e-1111-4222-8333-444455556666";

    @Test
    void parsesALowerCaseUuidAndPrintsItAsIs() {
        TaskId id = TaskId.parse(RAW);

        assertThat(id.value()).isEqualTo(RAW);
        assertThat(id).hasToString(RAW).isEqualTo(new TaskId(RAW));
        assertThat(TaskId.tryParse(RAW)).contains(id);
    }

    @Test
    void randomAndUuidIdsAreValid() {
        UUID uuid = UUID.randomUUID();

        assertThat(TaskId.of(uuid).value()).isEqualTo(uuid.toString());
        assertThat(TaskId.random()).isNotEqualTo(TaskId.random());
        assertThat(TaskId.parse(TaskId.random().value())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "t1", "../../etc", "7F9C0D2E-1111-4222-8333-444455556666", "7f9c0d2e11114222833344445555666",
            "7f9c0d2e-1111-4222-8333-444455556666 ", " 7f9c0d2e-1111-4222-8333-444455556666",
            "7f9c0d2e-1111-4222-8333-444455556666/..", "{7f9c0d2e-1111-4222-8333-444455556666}", "7f9c0d2g-1111-4222-8333-444455556666"})
    void refusesAnythingButALowerCaseUuidNamingTheInput(String raw) {
        assertThatThrownBy(() -> TaskId.parse(raw))
                .isInstanceOf(InvalidTaskIdException.class)
                .hasMessageContaining("'" + raw + "'")
                .hasMessageContaining("not a lower-case UUID")
                .satisfies(e -> assertThat(((InvalidTaskIdException) e).getRaw()).isEqualTo(raw));
        assertThat(TaskId.tryParse(raw)).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> new TaskId(null)).isInstanceOf(InvalidTaskIdException.class);
        assertThat(TaskId.tryParse(null)).isEmpty();
    }

    @Test
    void travelsInAMessageAsThePlainStringTaskIdField() {
        MessageCodec codec = new MessageCodec();
        CancelTask cancel = new CancelTask(TaskId.parse(RAW), Instant.parse("2026-11-29T10:15:30Z"));

        String json = new String(codec.encode(cancel), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"taskId\":\"" + RAW + "\",\"requestedAt\":\"2026-11-29T10:15:30Z\"}");
        TaskMessage read = codec.decode(MessageType.CANCEL_TASK.id(), json.getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(cancel);
        assertThat(MessageCodec.strict().decode(MessageType.CANCEL_TASK.id(), json.getBytes(StandardCharsets.UTF_8))).isEqualTo(cancel);
    }

    @Test
    void aMessageWithAnInvalidIdIsUnreadableSayingWhy() {
        byte[] body = "{\"taskId\":\"../../etc\",\"requestedAt\":\"2026-11-29T10:15:30Z\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new MessageCodec().decode(MessageType.CANCEL_TASK.id(), body))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("'../../etc' is not a lower-case UUID");
        assertThatThrownBy(() -> MessageCodec.strict().decode(MessageType.CANCEL_TASK.id(), body))
                .isInstanceOf(UnreadableMessageException.class);
    }

    @Test
    void namesTheTasksSwarmObjectsUnderDockersLimit() {
        TaskId id = TaskId.parse(RAW);

        assertThat(id.networkName()).isEqualTo("atq-" + RAW + "-net");
        assertThat(id.workersName()).isEqualTo("atq-" + RAW + "-workers");
        assertThat(id.probeName()).isEqualTo("atq-" + RAW + "-probe");
        assertThat(id.masterName()).isEqualTo("atq-" + RAW + "-master");
        assertThat(id.claimName(3)).isEqualTo("atq-" + RAW + "-claim-3");
        assertThat(id.claimName(999)).hasSizeLessThan(64);
    }
}
