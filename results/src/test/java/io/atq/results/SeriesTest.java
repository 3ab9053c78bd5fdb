package io.atq.results;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-second series inside {@link Samples}: exact counts, p95 within 1 %, mergeable, bounded whatever the times. */
class SeriesTest {
    private static final long T0 = Instant.parse("2026-12-07T06:00:00Z").toEpochMilli();

    private static Sample sample(long millis, double elapsedMillis, boolean success) {
        return new Sample(millis, Math.round(elapsedMillis * 1000), "home", success);
    }

    private static long requests(List<SeriesPoint> series) {
        return series.stream().mapToLong(SeriesPoint::requests).sum();
    }

    @Test
    void countsRequestsErrorsAndP95PerSecondOfTheirStart() {
        Samples samples = new Samples(10);
        for (int i = 1; i <= 100; i++) {
            samples.add(sample(T0 + 5 * i, i, i % 20 != 0));
        }
        samples.add(sample(T0 + 2_999, 1_500, false));

        List<SeriesPoint> series = samples.series();

        assertThat(samples.seriesResolutionSeconds()).isEqualTo(1);
        assertThat(series).hasSize(3);
        assertThat(series.get(0).start()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(series.get(0).requests()).isEqualTo(100);
        assertThat(series.get(0).errors()).isEqualTo(5);
        assertThat(series.get(0).p95Millis()).isCloseTo(95, within(0.95));
        assertThat(series.get(1)).isEqualTo(new SeriesPoint(Instant.ofEpochMilli(T0 + 1_000), 0, 0, 0));
        assertThat(series.get(2).start()).isEqualTo(Instant.ofEpochMilli(T0 + 2_000));
        assertThat(series.get(2).requests()).isEqualTo(1);
        assertThat(series.get(2).p95Millis()).isCloseTo(1_500, within(15.0));
    }

    @Test
    void twoMergedSamplesHaveTheSeriesOfAllTheirSamplesTogether() {
        Random random = new Random(3);
        Samples all = new Samples(10);
        Samples shortRun = new Samples(10);
        Samples longRun = new Samples(10);
        for (int i = 0; i < 20_000; i++) {
            boolean inShort = i % 2 == 0;
            long start = T0 + (long) (random.nextDouble() * (inShort ? 600_000 : 7_000_000));
            Sample sample = sample(start, 20 * Math.exp(random.nextGaussian()), random.nextInt(50) != 0);
            all.add(sample);
            (inShort ? shortRun : longRun).add(sample);
        }
        assertThat(shortRun.seriesResolutionSeconds()).isEqualTo(1);
        assertThat(longRun.seriesResolutionSeconds()).isEqualTo(4);

        shortRun.add(longRun);

        assertThat(shortRun.seriesResolutionSeconds()).isEqualTo(all.seriesResolutionSeconds());
        assertThat(shortRun.series()).isEqualTo(all.series());
        assertThat(shortRun.overall()).isEqualTo(all.overall());
    }

    @Test
    void aLongRunDoublesTheStepAndKeepsTheTotalsExact() {
        Samples samples = new Samples(10);
        long errors = 0;
        for (long second = 0; second < 4 * 3_600; second++) {
            for (int i = 0; i < 3; i++) {
                boolean success = (second + i) % 7 != 0;
                errors += success ? 0 : 1;
                samples.add(sample(T0 + second * 1_000 + i * 300, 10 + i, success));
            }
        }

        List<SeriesPoint> series = samples.series();

        assertThat(samples.seriesResolutionSeconds()).isEqualTo(8);
        assertThat(series).hasSize(Samples.MAX_SERIES_POINTS);
        assertThat(requests(series)).isEqualTo(4 * 3_600 * 3);
        assertThat(series.stream().mapToLong(SeriesPoint::errors).sum()).isEqualTo(errors);
        assertThat(series).allSatisfy(point -> assertThat(point.start().getEpochSecond() % 8).isZero());
        assertThat(series.get(1).requests()).isEqualTo(8 * 3);
    }

    @Test
    void timestampsFromTheEpochToYear3000KeepTheSeriesSmall() {
        Samples samples = new Samples(10);
        List<Long> starts = new ArrayList<>(List.of(0L, T0, Instant.parse("3000-01-01T00:00:00Z").toEpochMilli(), 1L, T0 + 1));
        for (long start : starts) {
            samples.add(sample(start, 5, true));
        }

        List<SeriesPoint> series = samples.series();

        assertThat(series).hasSizeLessThanOrEqualTo(Samples.MAX_SERIES_POINTS);
        assertThat(Integer.bitCount(samples.seriesResolutionSeconds())).isEqualTo(1);
        assertThat(requests(series)).isEqualTo(starts.size());
        assertThat(series.getFirst().start()).isEqualTo(Instant.EPOCH);
        assertThat(series.getFirst().requests()).isEqualTo(2);
    }

    @Test
    void dayLongLatenciesInEverySecondAndLabelStayWithinTheMemoryBound() {
        Samples samples = new Samples(ResultsFolder.MAX_LABELS);
        for (int i = 0; i < Samples.MAX_SERIES_POINTS; i++) {
            String label = "label-" + i % (ResultsFolder.MAX_LABELS + 1);
            samples.add(new Sample(T0 + i * 1_000L, Sample.MAX_ELAPSED_MICROS, label, true));
            samples.add(new Sample(T0 + i * 1_000L, 0, label, true));
        }

        assertThat(samples.series()).hasSize(Samples.MAX_SERIES_POINTS);
        // 1,800 points of at most 16 KiB, 201 labels of at most 113 KiB, and the overall histogram: under 56 MiB.
        assertThat(samples.footprintBytes()).isLessThan(56L << 20);
    }
}
