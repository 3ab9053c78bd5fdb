package io.atq.contracts.messages;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.DateTimeFeature;

import java.util.Map;

/**
 * JSON for {@link TaskMessage}s, keyed by type id. Reading tolerates unknown fields (newer producers);
 * times are ISO-8601 strings.
 */
public final class MessageCodec {
    private static final Map<String, Class<? extends TaskMessage>> TYPES = Map.of(
            TaskRequested.TYPE_ID, TaskRequested.class,
            TaskPhaseChanged.TYPE_ID, TaskPhaseChanged.class,
            CancelTask.TYPE_ID, CancelTask.class,
            TaskCleanedUp.TYPE_ID, TaskCleanedUp.class,
            StreamMarker.TYPE_ID, StreamMarker.class);

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    /** The JSON bytes of a message; its type id is {@link TaskMessage#typeId()}. */
    public byte[] encode(TaskMessage message) {
        return mapper.writeValueAsBytes(message);
    }

    /**
     * Reads a message of the given type id.
     *
     * @throws UnreadableMessageException for an unknown type id or a body that does not fit it
     */
    public TaskMessage decode(String typeId, byte[] body) {
        Class<? extends TaskMessage> type = typeId == null ? null : TYPES.get(typeId);
        if (type == null) {
            throw new UnreadableMessageException(typeId, "unknown type id (known: " + TYPES.keySet() + ")", null);
        }
        try {
            return mapper.readValue(body, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new UnreadableMessageException(typeId, e.getMessage(), e);
        }
    }
}
