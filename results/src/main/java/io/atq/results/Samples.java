package io.atq.results;

import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The samples of a task, kept as mergeable counts: a latency histogram overall and per label (HdrHistogram, 3
 * significant digits: a percentile is exact to 0.1 %), errors, and the first and last instants. Memory depends on the
 * latencies' range and the number of labels, never on the number of samples. Labels past {@code maxLabels} are
 * counted together under {@link #OTHER_LABELS}, so a file with a million labels cannot exhaust memory.
 *
 * <p>Not thread-safe: one reader fills one {@code Samples}; {@link #add(Samples)} merges them.
 */
public final class Samples {
    /** The label the samples of labels past the limit are counted under. */
    public static final String OTHER_LABELS = "(other labels)";
    static final int SIGNIFICANT_DIGITS = 3;

    private final int maxLabels;
    private final Counts overall = new Counts();
    private final Map<String, Counts> byLabel = new LinkedHashMap<>();
    private long firstMillis = Long.MAX_VALUE;
    private long lastEndMillis = Long.MIN_VALUE;

    public Samples(int maxLabels) {
        this.maxLabels = maxLabels;
    }

    /** Counts one sample. */
    public void add(Sample sample) {
        overall.add(sample.elapsedMicros(), sample.success());
        labelCounts(sample.label()).add(sample.elapsedMicros(), sample.success());
        firstMillis = Math.min(firstMillis, sample.timestampMillis());
        lastEndMillis = Math.max(lastEndMillis, sample.timestampMillis() + sample.elapsedMicros() / 1000);
    }

    /** Adds every sample {@code other} counted, as if they had been added here: percentiles stay exact. */
    public void add(Samples other) {
        overall.add(other.overall);
        other.byLabel.forEach((label, counts) -> labelCounts(label).add(counts));
        firstMillis = Math.min(firstMillis, other.firstMillis);
        lastEndMillis = Math.max(lastEndMillis, other.lastEndMillis);
    }

    private Counts labelCounts(String label) {
        Counts counts = byLabel.get(label);
        if (counts != null) {
            return counts;
        }
        String key = byLabel.size() < maxLabels ? label : OTHER_LABELS;
        return byLabel.computeIfAbsent(key, k -> new Counts());
    }

    /** The figures of every sample. */
    public Figures overall() {
        return overall.figures(durationMillis());
    }

    /** The figures per label, in the order labels were first seen. */
    public Map<String, Figures> byLabel() {
        Map<String, Figures> figures = new LinkedHashMap<>();
        long duration = durationMillis();
        byLabel.forEach((label, counts) -> figures.put(label, counts.figures(duration)));
        return Collections.unmodifiableMap(figures);
    }

    /** From the first sample's start to the last one's end; 0 without samples. */
    long durationMillis() {
        return overall.count() == 0 ? 0 : Math.max(0, lastEndMillis - firstMillis);
    }

    /** A histogram and an error count. */
    private static final class Counts {
        private final Histogram latency = new Histogram(SIGNIFICANT_DIGITS);
        private long errors;

        void add(long elapsedMicros, boolean success) {
            latency.recordValue(Math.max(0, elapsedMicros));
            if (!success) {
                errors++;
            }
        }

        void add(Counts other) {
            latency.add(other.latency);
            errors += other.errors;
        }

        long count() {
            return latency.getTotalCount();
        }

        Figures figures(long durationMillis) {
            return Figures.of(latency, errors, durationMillis);
        }
    }
}
