package io.atq.contracts.config;

import org.jspecify.annotations.Nullable;

/**
 * A configuration that does not parse or is inconsistent. Start-up stops; retrying the same file never helps.
 * The message names the file, the line and the field.
 */
public final class ConfigException extends RuntimeException {
    private final String source;
    private final int line;
    private final @Nullable String field;

    public ConfigException(String source, int line, @Nullable String field, String problem) {
        super(source + (line > 0 ? ":" + line : "") + (field == null || field.isEmpty() ? "" : ": " + field) + ": " + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public String getSource() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int getLine() {
        return line;
    }

    public @Nullable String getField() {
        return field;
    }
}
