package io.atq.results;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Latencies in microseconds: an auto-resizing HdrHistogram and the count of every latency recorded. Exact ones have
 * long counts (the overall figures); compact ones have int counts, half the memory, for the many histograms of labels
 * and series points.
 *
 * <p>An {@link IntCountsHistogram} throws once a count would pass {@code 2^31-1}; a compact histogram instead takes no
 * more values once it holds that many (and a merge that would pass it leaves it as it is). Its percentiles are then
 * those of the first two billion requests, while {@link #count()} stays exact: a results file can never make reading
 * fail.
 */
final class Latencies {
    private final AbstractHistogram histogram;
    private final long capacity;
    private long count;

    private Latencies(AbstractHistogram histogram, long capacity) {
        this.histogram = histogram;
        this.capacity = capacity;
    }

    static Latencies exact(int significantDigits) {
        return new Latencies(new Histogram(significantDigits), Long.MAX_VALUE);
    }

    static Latencies compact(int significantDigits) {
        return new Latencies(new IntCountsHistogram(significantDigits), Integer.MAX_VALUE);
    }

    void record(long micros) {
        count++;
        if (histogram.getTotalCount() < capacity) {
            histogram.recordValue(micros);
        }
    }

    void add(Latencies other) {
        count += other.count;
        if (other.histogram.getTotalCount() <= capacity - histogram.getTotalCount()) {
            histogram.add(other.histogram);
        }
    }

    /** Every latency recorded. */
    long count() {
        return count;
    }

    /** The histogram the percentiles are read from. */
    AbstractHistogram histogram() {
        return histogram;
    }

    long footprintBytes() {
        return histogram.getEstimatedFootprintInBytes();
    }
}
