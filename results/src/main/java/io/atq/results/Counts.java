package io.atq.results;

/**
 * Requests counted together — all of a task's, one label's, one step of the series: their latencies and how many
 * failed. Merges exactly.
 */
final class Counts {
    private final Latencies latency;
    private long errors;

    Counts(Latencies latency) {
        this.latency = latency;
    }

    void add(long elapsedMicros, boolean success) {
        latency.record(elapsedMicros);
        if (!success) {
            errors++;
        }
    }

    /** Adds {@code other}'s requests; returns this (a merge function). */
    Counts add(Counts other) {
        latency.add(other.latency);
        errors += other.errors;
        return this;
    }

    Latencies latency() {
        return latency;
    }

    long errors() {
        return errors;
    }

    Figures figures(long durationMillis) {
        return Figures.of(latency, errors, durationMillis);
    }
}
