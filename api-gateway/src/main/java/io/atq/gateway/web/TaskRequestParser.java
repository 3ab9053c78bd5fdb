package io.atq.gateway.web;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.CallbackEvents;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.contracts.validation.Violation;
import io.atq.gateway.problems.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns a {@code POST /v1/tasks} body into a {@link TaskSpec}, or an {@link InvalidRequestException} whose violations
 * name the JSON path of each bad field. Reading is strict: UTF-8 only (no byte order mark), unknown fields, duplicate
 * keys, trailing content, nulls inside {@code args} and every scalar coercion (a string for a number, a number for a
 * string, a fraction for an integer) are errors ({@link MalformedJson} describes a body that is not JSON at all); a
 * threshold's bound must be of its metric's kind ({@link ThresholdReader}). Then {@link TaskSpecValidator} checks the
 * values against the whitelist and limits.
 */
public final class TaskRequestParser {
    static final String TITLE = "Invalid task request";
    /** Field name used for the body as a whole (JSONPath's root). */
    static final String ROOT = "$";
    private static final String BUNDLE = "bundle";

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final TaskSpecValidator validator;
    private final Duration defaultTimeout;
    private final Predicate<String> bundleExists;

    public TaskRequestParser(TaskSpecValidator validator, Duration defaultTimeout) {
        this(validator, defaultTimeout, bundle -> true);
    }

    /**
     * @param bundleExists whether a bundle id (well-formed) names a stored bundle; it may read the shared folder, so
     *                     {@link #parse} must not run on an event-loop thread
     */
    public TaskRequestParser(TaskSpecValidator validator, Duration defaultTimeout, Predicate<String> bundleExists) {
        this.validator = validator;
        this.defaultTimeout = defaultTimeout;
        this.bundleExists = bundleExists;
    }

    /**
     * The valid spec in {@code body}.
     *
     * @throws InvalidRequestException listing every problem found, each naming its field
     */
    public TaskSpec parse(byte[] body) {
        TaskRequest request = read(body);
        List<Violation> violations = new ArrayList<>();
        TaskSpec spec = toSpec(request, violations);
        // The first problem reported for a field wins: "is required" says more than "must be ≥ 1, was 0".
        Set<String> reported = violations.stream().map(Violation::field).collect(Collectors.toCollection(HashSet::new));
        for (Violation violation : validator.validate(spec)) {
            if (reported.add(violation.field())) {
                violations.add(violation);
            }
        }
        // Only a well-formed id is looked up (the validator reported any other).
        if (spec.bundle() != null && reported.add(BUNDLE) && !bundleExists.test(spec.bundle())) {
            violations.add(new Violation(BUNDLE, "no bundle with id '" + spec.bundle() + "' is stored (upload it with POST /v1/bundles)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(TITLE, violations);
        }
        return spec;
    }

    private static TaskRequest read(byte[] body) {
        // Three steps: the bytes must be UTF-8, the text well-formed JSON (a tree), then the tree must fit the
        // request's shape. Binding from the tree lets a shape error say what was found at the field ("was a string").
        String text = MalformedJson.utf8(body);
        JsonNode tree;
        // Our own parser, closed only after a failure is described: its state tells where the error is.
        try (JsonParser parser = STRICT.createParser(text)) {
            try {
                tree = STRICT.readTree(parser);
            } catch (JacksonException e) {
                throw new InvalidRequestException(TITLE, List.of(MalformedJson.violation(e, parser, text)));
            }
        }
        if (tree == null || tree.isMissingNode()) {
            throw InvalidRequestException.of(TITLE, ROOT, "is empty: a JSON object is required");
        }
        if (tree.isNull()) {
            throw InvalidRequestException.of(TITLE, ROOT, "must be a JSON object, was null");
        }
        try {
            return STRICT.treeToValue(tree, TaskRequest.class);
        } catch (JacksonException e) {
            throw new InvalidRequestException(TITLE, List.of(mismatch(e, tree)));
        }
    }

    // The spec as requested, gaps included: the validator names each missing part, which null checks here could not.
    @SuppressWarnings("NullAway")
    private TaskSpec toSpec(TaskRequest request, List<Violation> violations) {
        WorkerSpec workers = null;
        if (request.workers() != null) {
            TaskRequest.Workers w = request.workers();
            if (w.replicas() == null) {
                violations.add(new Violation("workers.replicas", "is required"));
            }
            workers = new WorkerSpec(w.image(), w.replicas() == null ? 0 : w.replicas(), w.args(), w.port());
        }
        MasterSpec master = request.master() == null ? null : new MasterSpec(request.master().image(), request.master().args());
        Duration timeout = defaultTimeout;
        if (request.timeout() != null) {
            try {
                timeout = Duration.parse(request.timeout());
            } catch (DateTimeParseException e) {
                violations.add(new Violation("timeout", "must be an ISO-8601 duration such as PT10M, was '" + request.timeout() + "'"));
            }
        }
        return new TaskSpec(request.name(), workers, master, timeout, request.labels(), request.bundle(), callback(request, violations),
                ThresholdReader.read(request.thresholds(), violations));
    }

    /** The callback, if any; {@code callbackEvents} alone yields a callback without URL, which the validator names. */
    @SuppressWarnings("NullAway") // a callback without URL on purpose (above)
    private static @Nullable Callback callback(TaskRequest request, List<Violation> violations) {
        if (request.callbackUrl() == null && request.callbackEvents() == null) {
            return null;
        }
        CallbackEvents events = null;
        if (request.callbackEvents() != null) {
            switch (request.callbackEvents().toLowerCase(java.util.Locale.ROOT)) {
                case "all" -> events = CallbackEvents.ALL;
                case "terminal" -> events = CallbackEvents.TERMINAL;
                default -> violations.add(new Violation("callbackEvents", "must be 'all' or 'terminal'"));
            }
        }
        return new Callback(request.callbackUrl(), events);
    }

    /** Well-formed JSON that does not fit the request: name the field and what was found there. */
    static Violation mismatch(JacksonException e, @Nullable JsonNode tree) {
        String field = dotted(e.getPath());
        JsonNode found = at(tree, e.getPath());
        return switch (e) {
            case UnrecognizedPropertyException unknown -> new Violation(field, "is not a known field (known here: "
                    + known(unknown) + ")");
            case InvalidNullException nul -> new Violation(field, "must not be null");
            case InputCoercionException range -> new Violation(field, "is out of range: " + range.getOriginalMessage());
            case MismatchedInputException mismatch when expected(mismatch.getTargetType()) != null ->
                    new Violation(field, "must be " + expected(mismatch.getTargetType()) + (found == null ? "" : ", was " + describe(found)));
            default -> new Violation(field, e.getOriginalMessage());
        };
    }

    private static String dotted(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(name(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? ROOT : out.toString();
    }

    // An empty key is shown as "" so that it is not mistaken for its parent (or, at the top, for the body as a whole).
    static String name(String property) {
        return property.isEmpty() ? "\"\"" : property;
    }

    private static @Nullable JsonNode at(@Nullable JsonNode tree, List<JacksonException.Reference> path) {
        JsonNode node = tree;
        for (JacksonException.Reference reference : path) {
            if (node == null) {
                return null;
            }
            node = reference.getPropertyName() != null ? node.get(reference.getPropertyName()) : node.get(reference.getIndex());
        }
        return node;
    }

    private static String known(UnrecognizedPropertyException e) {
        return e.getKnownPropertyIds() == null ? "none"
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static @Nullable String expected(@Nullable Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object whose values are strings";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isRecord()) {
            return "an object";
        }
        return null;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
