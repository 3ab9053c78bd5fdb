package io.atq.results;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * One request as a results file records it. Its values are bounded so that no row can make a histogram or the time
 * series grow past its limits: a row outside them is malformed, not a sample.
 *
 * @param timestampMillis when it started, epoch milliseconds, from 1970 to the end of year 9999
 * @param elapsedMicros   how long it took, in microseconds (JTL's {@code elapsed} is in milliseconds), at most a day
 * @param label           the sampler or request name
 * @param success         whether the tool counted it as a success
 */
public record Sample(long timestampMillis, long elapsedMicros, String label, boolean success) {
    /** The latest start time a sample may have: the end of year 9999, the last {@link Instant} ISO-8601 writes plainly. */
    public static final long MAX_TIMESTAMP_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    /**
     * The longest a request may take: a day. Longer is no measurement, and it bounds every histogram's size (an
     * auto-resizing HdrHistogram grows with the largest value it holds).
     */
    public static final long MAX_ELAPSED_MICROS = Duration.ofDays(1).toNanos() / 1000;

    public Sample {
        if (timestampMillis < 0 || timestampMillis > MAX_TIMESTAMP_MILLIS) {
            throw new IllegalArgumentException("timestamp " + timestampMillis + " is outside 0.." + MAX_TIMESTAMP_MILLIS
                    + " epoch milliseconds");
        }
        if (elapsedMicros < 0 || elapsedMicros > MAX_ELAPSED_MICROS) {
            throw new IllegalArgumentException("elapsed " + elapsedMicros + " µs is outside 0.." + MAX_ELAPSED_MICROS + " µs");
        }
    }

    /**
     * The sample a row's values make, or null when they are out of range or {@code success} is neither {@code true}
     * nor {@code false}: how every reader turns its columns into a sample.
     */
    static @Nullable Sample parsed(long timestampMillis, double elapsedMillis, String label, String success) {
        boolean ok = success.equals("true");
        if (!ok && !success.equals("false")
                || timestampMillis < 0 || timestampMillis > MAX_TIMESTAMP_MILLIS
                || !(elapsedMillis >= 0) || elapsedMillis * 1000 > MAX_ELAPSED_MICROS) {
            return null;
        }
        return new Sample(timestampMillis, Math.round(elapsedMillis * 1000), label, ok);
    }
}
