package io.atq.gateway.evidence;

import org.jspecify.annotations.Nullable;

import java.util.function.UnaryOperator;

/**
 * How a log line is served: secret values masked (again: the director already masked them when it wrote the file,
 * this also covers files written before that), and, when several workers' logs are served together, prefixed with
 * the worker it came from. Pure.
 */
public final class LogLines {
    private LogLines() {
    }

    /** The prefix of a worker's lines in a combined log: {@code [worker-<slot>] }. */
    public static String workerPrefix(int slot) {
        return "[worker-" + slot + "] ";
    }

    /** Lines scrubbed, then prefixed (when {@code slot} is not null). */
    public static UnaryOperator<String> rendering(UnaryOperator<String> scrubber, @Nullable Integer slot) {
        String prefix = slot == null ? "" : workerPrefix(slot);
        return line -> prefix + scrubber.apply(line);
    }
}
