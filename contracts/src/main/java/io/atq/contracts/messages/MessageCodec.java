package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.DateTimeFeature;

import java.util.Arrays;

/**
 * JSON for {@link TaskMessage}s, keyed by type id ({@link MessageType}); times are ISO-8601 strings. The default
 * codec tolerates unknown fields (events from newer producers); {@link #strict()} refuses them, for commands a director acts on, so a forged
 * {@code "privileged": true} or {@code "mounts": [...]} is never silently dropped and the message run anyway.
 */
public final class MessageCodec {

    private final JsonMapper mapper;
    private final boolean strict;

    /** The lenient codec: unknown fields are ignored (events stay readable across versions). */
    public MessageCodec() {
        this(false);
    }

    private MessageCodec(boolean strict) {
        this.strict = strict;
        JsonMapper.Builder builder = JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        if (strict) {
            // Every field must be one the record declares, at every depth; no trailing JSON after the message;
            // an explicit null is not silently read as 0 for a primitive. Missing fields stay null: the validator names them.
            builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    // Two "image" keys would otherwise let the last one win, past a check that read the first.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        } else {
            builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
        this.mapper = builder.build();
    }

    /**
     * A codec that refuses any field its record does not declare (at any depth), trailing content, and missing
     * fields. For commands taken off a queue anyone with broker access could write to.
     */
    public static MessageCodec strict() {
        return new MessageCodec(true);
    }

    /** Whether this codec refuses unknown fields. */
    public boolean isStrict() {
        return strict;
    }

    /** The JSON bytes of a message; its type id is {@link TaskMessage#typeId()}. */
    public byte[] encode(TaskMessage message) {
        return mapper.writeValueAsBytes(message);
    }

    /**
     * Reads a message of the given type id.
     *
     * @throws UnreadableMessageException for an unknown type id or a body that does not fit it
     */
    public TaskMessage decode(@Nullable String typeId, byte[] body) {
        MessageType type = MessageType.byId(typeId).orElseThrow(() -> new UnreadableMessageException(typeId,
                "unknown type id (known: " + Arrays.stream(MessageType.values()).map(MessageType::id).toList() + ")", null));
        try {
            return mapper.readValue(body, type.recordClass());
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new UnreadableMessageException(typeId, e.getMessage(), e);
        }
    }
}
