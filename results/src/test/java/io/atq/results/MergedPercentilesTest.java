package io.atq.results;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Four workers' JTL files merged: the percentiles equal the exact ones of the concatenated samples within the
 * histogram's precision (0.1 %), which no average of per-file percentiles gives.
 */
class MergedPercentilesTest {
    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";
    private static final long T0 = 1_796_601_600_000L;

    /** One worker's JTL: its own latency distribution (the slow worker is what breaks averaged percentiles). */
    private static String jtl(Random random, int rows, double medianMillis, List<Long> allElapsed) {
        StringBuilder out = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            long elapsed = Math.max(1, Math.round(medianMillis * Math.exp(random.nextGaussian() * 0.6)));
            allElapsed.add(elapsed);
            boolean ok = random.nextInt(100) != 0;
            String label = i % 3 == 0 ? "\"checkout, step 2\"" : "home";
            out.append(T0 + i * 10L).append(',').append(elapsed).append(',').append(label)
                    .append(ok ? ",200,OK,Thread 1-1,text,true,," : ",500,Server Error,Thread 1-1,text,false,boom,")
                    .append("1024,120,1,1,http://sut/,").append(elapsed / 2).append(",0,3\n");
        }
        return out.toString();
    }

    private static double exact(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    @Test
    void mergedPercentilesEqualThoseOfAllSamplesTogether() throws Exception {
        Random random = new Random(42);
        List<Long> all = new ArrayList<>();
        double[] medians = {40, 45, 50, 400};
        Samples merged = new Samples(100);
        for (double median : medians) {
            Samples worker = new Samples(100);
            ReadReport report = JtlCsvReader.read(new StringReader(jtl(random, 20_000, median, all)), worker);
            assertThat(report.samples()).isEqualTo(20_000);
            merged.add(worker);
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();

        Figures figures = merged.overall();

        assertThat(figures.count()).isEqualTo(80_000);
        for (double p : new double[] {50, 90, 95, 99}) {
            double expected = exact(sorted, p);
            double actual = switch ((int) p) {
                case 50 -> figures.p50Millis();
                case 90 -> figures.p90Millis();
                case 95 -> figures.p95Millis();
                default -> figures.p99Millis();
            };
            assertThat(actual).as("p%s", p).isCloseTo(expected, within(expected * 0.001 + 0.001));
        }
        assertThat(figures.maxMillis()).isCloseTo(sorted[sorted.length - 1], within(sorted[sorted.length - 1] * 0.001));
        assertThat(figures.meanMillis()).isCloseTo(Arrays.stream(sorted).average().orElseThrow(), within(0.5));
    }

    @Test
    void countsErrorsAndLabelsWithCommasAsJMeterQuotesThem() throws Exception {
        Samples samples = new Samples(100);
        JtlCsvReader.read(new StringReader(jtl(new Random(7), 3_000, 50, new ArrayList<>())), samples);

        assertThat(samples.byLabel()).containsOnlyKeys("checkout, step 2", "home");
        assertThat(samples.byLabel().get("checkout, step 2").count()).isEqualTo(1_000);
        Figures overall = samples.overall();
        assertThat(overall.errors()).isPositive();
        assertThat(overall.errorRate()).isEqualTo((double) overall.errors() / 3_000);
        // 3,000 samples started 10 ms apart: about 100 per second.
        assertThat(overall.throughput()).isBetween(95.0, 101.0);
    }
}
