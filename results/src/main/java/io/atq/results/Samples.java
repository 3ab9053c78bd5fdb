package io.atq.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a task, kept as mergeable counts: a latency histogram overall and per label (HdrHistogram, 3
 * significant digits: a percentile is exact to 0.1 %), errors, the first and last instants, and a time series of
 * requests, errors and p95 per second ({@link Series}). Memory depends on the number of labels and the samples' range
 * of latencies and times, never on the number of samples, and is bounded whatever a file holds:
 * <ul>
 *   <li>latencies are at most a day ({@link Sample#MAX_ELAPSED_MICROS}): a histogram of 3 significant digits then
 *       takes at most 225 KiB with long counts (overall) and 113 KiB with int counts (per label), about half that for
 *       latencies up to 10 s;</li>
 *   <li>labels past {@code maxLabels} are counted together under {@link #OTHER_LABELS}, so a file with a million labels
 *       costs {@code maxLabels + 1} histograms; a label longer than {@link #MAX_LABEL_CHARS} is cut there;</li>
 *   <li>the time series holds at most {@link #MAX_SERIES_POINTS} steps of at most 16 KiB each.</li>
 * </ul>
 *
 * <p>Not thread-safe: one reader fills one {@code Samples}; {@link #add(Samples)} merges them.
 */
public final class Samples {
    /** The label the samples of labels past the limit are counted under. */
    public static final String OTHER_LABELS = "(other labels)";
    /** Labels are kept to this many characters (a label is a name, not a payload). */
    public static final int MAX_LABEL_CHARS = 1_000;
    /** The most steps the time series spans: 30 minutes at one second; longer runs double the step until they fit. */
    public static final int MAX_SERIES_POINTS = 1_800;
    static final int SIGNIFICANT_DIGITS = 3;

    private final int maxLabels;
    private final Counts overall = new Counts(Latencies.exact(SIGNIFICANT_DIGITS));
    private final Map<String, Counts> byLabel = new LinkedHashMap<>();
    private final Series series = new Series();
    private boolean labelsCapped;
    private long firstMillis = Long.MAX_VALUE;
    private long lastEndMillis = Long.MIN_VALUE;

    /** @param maxLabels how many labels get their own figures; the others count under {@link #OTHER_LABELS} */
    public Samples(int maxLabels) {
        if (maxLabels < 0) {
            throw new IllegalArgumentException("maxLabels " + maxLabels + " is negative");
        }
        this.maxLabels = maxLabels;
    }

    /** Counts one sample. */
    public void add(Sample sample) {
        overall.add(sample.elapsedMicros(), sample.success());
        labelCounts(sample.label()).add(sample.elapsedMicros(), sample.success());
        series.add(sample.timestampMillis(), sample.elapsedMicros(), sample.success());
        firstMillis = Math.min(firstMillis, sample.timestampMillis());
        lastEndMillis = Math.max(lastEndMillis, sample.timestampMillis() + sample.elapsedMicros() / 1000);
    }

    /**
     * Adds every sample {@code other} counted, as if they had been added here: percentiles and the time series stay
     * exact (the series at the coarser of the two resolutions, or coarser still if together they span more).
     */
    public void add(Samples other) {
        overall.add(other.overall);
        other.byLabel.forEach((label, counts) -> labelCounts(label).add(counts));
        labelsCapped |= other.labelsCapped;
        series.add(other.series);
        firstMillis = Math.min(firstMillis, other.firstMillis);
        lastEndMillis = Math.max(lastEndMillis, other.lastEndMillis);
    }

    private Counts labelCounts(String label) {
        String key = kept(label);
        Counts counts = byLabel.get(key);
        if (counts != null) {
            return counts;
        }
        if (byLabel.size() >= maxLabels) {
            labelsCapped = true;
            key = OTHER_LABELS;
        }
        return byLabel.computeIfAbsent(key, k -> new Counts(Latencies.compact(SIGNIFICANT_DIGITS)));
    }

    /** The label cut to {@link #MAX_LABEL_CHARS}, never between the two halves of a surrogate pair. */
    private static String kept(String label) {
        if (label.length() <= MAX_LABEL_CHARS) {
            return label;
        }
        int end = Character.isHighSurrogate(label.charAt(MAX_LABEL_CHARS - 1)) ? MAX_LABEL_CHARS - 1 : MAX_LABEL_CHARS;
        return label.substring(0, end);
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

    /** Whether some labels were past {@code maxLabels} and are counted under {@link #OTHER_LABELS}. */
    public boolean labelsCapped() {
        return labelsCapped;
    }

    /** How many seconds each point of {@link #series()} spans: 1, or a power of 2 when the run spans more points. */
    public int seriesResolutionSeconds() {
        return series.resolutionSeconds();
    }

    /** Requests, errors and p95 per step of {@link #seriesResolutionSeconds()}, from the first sample's to the last one's. */
    public List<SeriesPoint> series() {
        return series.points();
    }

    /** From the first sample's start to the last one's end; 0 without samples. */
    long durationMillis() {
        return overall.latency().count() == 0 ? 0 : Math.max(0, lastEndMillis - firstMillis);
    }

    /** The histograms' memory, about all this takes. */
    long footprintBytes() {
        return overall.latency().footprintBytes() + series.footprintBytes()
                + byLabel.values().stream().mapToLong(counts -> counts.latency().footprintBytes()).sum();
    }
}
