package io.atq.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

    @Test
    void percentilesOfOneToHundredAreTheNearestRanks() {
        Stats stats = Stats.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.p50()).isEqualTo(50);
        assertThat(stats.p90()).isEqualTo(90);
        assertThat(stats.p99()).isEqualTo(99);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void p99OfFewSamplesIsTheLargestNeverAnInterpolation() {
        Stats stats = Stats.of(new long[] {10, 30, 20});

        assertThat(stats.p50()).isEqualTo(20);
        assertThat(stats.p99()).isEqualTo(30);
    }

    @Test
    void anEvenCountTakesTheLowerMiddleAsMedian() {
        assertThat(Stats.of(new long[] {4, 1, 3, 2}).p50()).isEqualTo(2);
    }

    @Test
    void noSamplesGiveZeroes() {
        Stats stats = Stats.of(new long[0]);

        assertThat(stats.count()).isZero();
        assertThat(stats.p99()).isZero();
    }

    @Test
    void theInputIsNotReordered() {
        long[] samples = {3, 1, 2};

        Stats.of(samples);

        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void millisecondsViewConvertsNanoseconds() {
        Stats stats = Stats.of(new long[] {2_000_000, 4_000_000});

        assertThat(stats.toMillis()).containsEntry("p50_ms", 2.0).containsEntry("max_ms", 4.0).containsEntry("count", 2);
    }
}
