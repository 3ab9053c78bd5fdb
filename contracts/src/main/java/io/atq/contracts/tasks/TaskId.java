package io.atq.contracts.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A task's id: a UUID in canonical lower-case form, random or derived by a gateway from a client's idempotency key.
 * It names the task's Swarm objects and its folder under the shared path, so it is checked once, here: {@code ../..},
 * upper case or anything else never gets that far. On the wire (JSON, AMQP headers, Swarm labels, URLs) it is the
 * plain string {@link #value()}.
 *
 * @param value the id, e.g. {@code 0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b}
 */
public record TaskId(String value) implements Comparable<TaskId> {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Every Swarm object of a task is named {@code atq-<id>-<suffix>}. */
    private static final String NAME_PREFIX = "atq-";

    /** @throws InvalidTaskIdException when {@code value} is not a lower-case UUID */
    public TaskId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidTaskIdException(value);
        }
    }

    /**
     * Reads a task id from untrusted text (a message, a path, a label).
     *
     * @throws InvalidTaskIdException when {@code raw} is not a lower-case UUID
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TaskId parse(String raw) {
        return new TaskId(raw);
    }

    /** The task id {@code raw} is, or empty when it cannot be one (for callers that answer "not found" alike). */
    public static Optional<TaskId> tryParse(@Nullable String raw) {
        return raw != null && FORM.matcher(raw).matches() ? Optional.of(new TaskId(raw)) : Optional.empty();
    }

    /** The id as JSON writes it: a plain string, so a message's {@code "taskId"} field is what it always was. */
    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** A fresh random task id. */
    public static TaskId random() {
        return new TaskId(UUID.randomUUID().toString());
    }

    /** The task id of a UUID (e.g. one derived from an idempotency key). */
    public static TaskId of(UUID uuid) {
        return new TaskId(uuid.toString());
    }

    /** The task's overlay network: {@code atq-<id>-net}. Task ids are UUIDs, so every name stays under Docker's 63 characters. */
    public String networkName() {
        return NAME_PREFIX + value + "-net";
    }

    /** The task's worker service: {@code atq-<id>-workers}. */
    public String workersName() {
        return NAME_PREFIX + value + "-workers";
    }

    /** The task's discovery probe service: {@code atq-<id>-probe}. */
    public String probeName() {
        return NAME_PREFIX + value + "-probe";
    }

    /** The task's master service: {@code atq-<id>-master}. */
    public String masterName() {
        return NAME_PREFIX + value + "-master";
    }

    /** Takeover claim network {@code generation} of the task: {@code atq-<id>-claim-<generation>}. */
    public String claimName(int generation) {
        return NAME_PREFIX + value + "-claim-" + generation;
    }

    /** By {@link #value()}: lists ordered by task id read as they did when ids were plain strings. */
    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    /** The id itself, so log lines and string concatenation read as before. */
    @Override
    public String toString() {
        return value;
    }
}
