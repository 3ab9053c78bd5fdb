package io.atq.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests per step of time by their start: a count, an error count and a small latency histogram per step (2
 * significant digits, int counts: about 10 KiB for latencies up to 10 s, at most 16 KiB up to the day a sample may
 * take). Steps start at whole multiples of the resolution since the epoch, so two series merge exactly once the finer
 * is coarsened to the other's resolution.
 *
 * <p>The steps from the first to the last are at most {@link Samples#MAX_SERIES_POINTS}: when the samples span more,
 * the resolution doubles, merging neighbouring steps exactly, until they fit. Whatever the timestamps, a series holds
 * at most that many histograms; one sample at the epoch and one today make a series of steps of 2^20 s (12 days), all
 * but two of them empty, which is all such a file deserves. The resolution reached is the smallest that fits every
 * sample, whatever the order they came in or were merged.
 */
final class Series {
    private static final int SIGNIFICANT_DIGITS = 2;

    /** Steps by index: a start second shifted right by {@link #shift}. Only the steps that had requests. */
    private final TreeMap<Long, Counts> points = new TreeMap<>();
    /** The resolution is {@code 2^shift} seconds. */
    private int shift;

    void add(long timestampMillis, long elapsedMicros, boolean success) {
        long second = timestampMillis / 1000;
        fit(second >> shift, second >> shift);
        points.computeIfAbsent(second >> shift, step -> newPoint()).add(elapsedMicros, success);
    }

    void add(Series other) {
        if (other.points.isEmpty()) {
            return;
        }
        if (other.shift > shift) {
            coarsen(other.shift - shift);
        }
        fit(other.points.firstKey() >> (shift - other.shift), other.points.lastKey() >> (shift - other.shift));
        int finer = shift - other.shift;
        other.points.forEach((step, point) -> points.computeIfAbsent(step >> finer, s -> newPoint()).add(point));
    }

    int resolutionSeconds() {
        return 1 << shift;
    }

    /** Every step from the first request's to the last one's, those without requests included (all 0). */
    List<SeriesPoint> points() {
        if (points.isEmpty()) {
            return List.of();
        }
        List<SeriesPoint> series = new ArrayList<>();
        for (long step = points.firstKey(); step <= points.lastKey(); step++) {
            Instant start = Instant.ofEpochSecond(step << shift);
            Counts point = points.get(step);
            series.add(point == null ? new SeriesPoint(start, 0, 0, 0) : new SeriesPoint(start, point.latency().count(),
                    point.errors(), Figures.millis(point.latency().histogram().getValueAtPercentile(95))));
        }
        return List.copyOf(series);
    }

    long footprintBytes() {
        return points.values().stream().mapToLong(point -> point.latency().footprintBytes()).sum();
    }

    /** Coarsens until the steps from {@code first} to {@code last} and those held fit {@link Samples#MAX_SERIES_POINTS}. */
    private void fit(long first, long last) {
        if (!points.isEmpty()) {
            first = Math.min(first, points.firstKey());
            last = Math.max(last, points.lastKey());
        }
        int doublings = 0;
        while ((last >> doublings) - (first >> doublings) >= Samples.MAX_SERIES_POINTS) {
            doublings++;
        }
        if (doublings > 0) {
            coarsen(doublings);
        }
    }

    private void coarsen(int doublings) {
        Map<Long, Counts> fine = new TreeMap<>(points);
        points.clear();
        fine.forEach((step, point) -> points.merge(step >> doublings, point, Counts::add));
        shift += doublings;
    }

    /** One step's requests: a compact histogram of {@link #SIGNIFICANT_DIGITS}. */
    private static Counts newPoint() {
        return new Counts(Latencies.compact(SIGNIFICANT_DIGITS));
    }
}
