package io.atq.contracts.results;

import io.atq.contracts.messages.ResultSummary;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code results/summary.json} a master may write into a {@link ResultSummary}, or says in one sentence why it
 * cannot. Pure: the caller reads the bytes. Unknown top-level fields are ignored (a master may write more than ATQ shows);
 * a known field with a wrong value makes the whole file unusable, so the board never shows half a summary.
 */
public final class SummaryFile {
    /** Where a master writes it, relative to the task's folder. */
    public static final String PATH = "results/summary.json";
    /** Larger files are not read: a summary is a handful of numbers. */
    public static final int MAX_BYTES = 64 * 1024;
    /** At most this many entries in {@code latencyMs} and in {@code metrics}. */
    public static final int MAX_ENTRIES = 32;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private SummaryFile() {
    }

    /** The summary, or why the file is not one. */
    public sealed interface Outcome {
    }

    public record Read(ResultSummary summary) implements Outcome {
    }

    /** @param problem one sentence starting with {@link #PATH}, fit for the task's evidence problems */
    public record Unusable(String problem) implements Outcome {
    }

    public static Outcome read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return unusable("larger than " + MAX_BYTES + " bytes (" + bytes.length + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            return unusable("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return unusable("must be a JSON object");
        }
        try {
            Long samples = count(root, "samples");
            Long errors = count(root, "errors");
            if (samples != null && errors != null && errors > samples) {
                throw new Bad("errors: " + errors + " is more than samples " + samples);
            }
            Double throughput = number(root.get("throughput"), "throughput");
            return new Read(new ResultSummary(samples, errors, throughput, numbers(root, "latencyMs", true),
                    numbers(root, "metrics", false)));
        } catch (Bad e) {
            return unusable(e.why);
        }
    }

    private static Unusable unusable(String why) {
        return new Unusable(PATH + ": " + why);
    }

    private static @Nullable Long count(JsonNode root, String field) throws Bad {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new Bad(field + ": must be a whole number of at least 0, was " + node);
        }
        return node.asLong();
    }

    private static @Nullable Double number(@Nullable JsonNode node, String field) throws Bad {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < 0) {
            throw new Bad(field + ": must be a number of at least 0, was " + node);
        }
        return node.asDouble();
    }

    private static Map<String, Double> numbers(JsonNode root, String field, boolean nonNegative) throws Bad {
        JsonNode node = root.get(field);
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new Bad(field + ": must be an object of names to numbers");
        }
        if (node.size() > MAX_ENTRIES) {
            throw new Bad(field + ": at most " + MAX_ENTRIES + " entries, had " + node.size());
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = field + "." + e.getKey();
            if (!NAME.matcher(e.getKey()).matches()) {
                throw new Bad(field + ": the name '" + e.getKey() + "' must be 1-64 letters, digits, '_', '.' or '-'");
            }
            JsonNode value = e.getValue();
            boolean finite = value.isNumber() && Double.isFinite(value.asDouble());
            if (!finite || nonNegative && value.asDouble() < 0) {
                throw new Bad(name + ": must be a " + (nonNegative ? "number of at least 0" : "finite number") + ", was " + value);
            }
            out.put(e.getKey(), value.asDouble());
        }
        return out;
    }

    private static final class Bad extends Exception {
        private final String why;

        Bad(String why) {
            super(why, null, false, false);
            this.why = why;
        }
    }
}
