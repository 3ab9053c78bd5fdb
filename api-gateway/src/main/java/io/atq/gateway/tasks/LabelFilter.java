package io.atq.gateway.tasks;

import java.util.Map;

/**
 * One {@code label=key:value} list filter: a task matches when its label {@code key} has exactly {@code value}.
 * Label keys cannot contain {@code ':'} (see {@code TaskSpecValidator}), so the first colon splits; values may
 * contain more (pipeline URLs do).
 *
 * @param key   the label key
 * @param value the exact value
 */
public record LabelFilter(String key, String value) {
    /** The query parameter the filter comes from. */
    public static final String PARAMETER = "label";

    public LabelFilter {
        if (key == null || key.isEmpty() || key.indexOf(':') >= 0) {
            throw new InvalidQueryException(PARAMETER, "the key must be non-empty without ':', was '" + key + "'");
        }
        if (value == null || value.isEmpty()) {
            throw new InvalidQueryException(PARAMETER, "the value of '" + key + "' must not be empty");
        }
    }

    /**
     * The filter written as {@code key:value}.
     *
     * @throws InvalidQueryException naming {@value #PARAMETER} when the text is not of that form
     */
    public static LabelFilter parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new InvalidQueryException(PARAMETER, "must be key:value, was '" + text + "'");
        }
        return new LabelFilter(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Whether a task with these labels matches. */
    public boolean matches(Map<String, String> labels) {
        return value.equals(labels.get(key));
    }

    @Override
    public String toString() {
        return key + ":" + value;
    }
}
