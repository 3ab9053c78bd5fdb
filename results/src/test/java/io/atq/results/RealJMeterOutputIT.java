package io.atq.results;

import io.atq.results.WorkerPlan.Worker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * JTL files written by real JMeter 5.6.3: four workers (one three times slower) drive a loopback HTTP server, each
 * saving its own file; read one by one and merged, they give the figures of all their rows together.
 */
class RealJMeterOutputIT {
    private static final int THREADS = 12;
    private static final int LOOPS = 90;
    private static final int ROWS_PER_WORKER = THREADS * LOOPS * WorkerPlan.LABELS.size();
    /** JMeter's default CSV columns (jmeter.properties as shipped). */
    private static final List<String> JMETER_COLUMNS = List.of("timeStamp", "elapsed", "label", "responseCode",
            "responseMessage", "threadName", "dataType", "success", "failureMessage", "bytes", "sentBytes", "grpThreads",
            "allThreads", "URL", "Latency", "IdleTime", "Connect");

    @TempDir
    static Path dir;
    private static List<Worker> workers;
    private static long served;
    private static long failed;

    @BeforeAll
    static void runFourWorkers() throws Exception {
        workers = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> new Worker("worker-" + i, i == 4, dir.resolve("worker-" + i + ".jtl"))).toList();
        EmbeddedJMeter jmeter = EmbeddedJMeter.install(dir.resolve("jmeter"));
        try (LatencyServer sut = LatencyServer.start()) {
            jmeter.run(WorkerPlan.of(sut, workers, THREADS, LOOPS), Duration.ofSeconds(120));
            served = sut.served();
            failed = sut.failed();
        }
    }

    @Test
    void eachWorkerWroteJMetersCsvWithARowPerRequest() throws Exception {
        for (Worker worker : workers) {
            assertThat(JtlRow.header(worker.jtl())).as(worker.name()).isEqualTo(JMETER_COLUMNS);
            List<JtlRow> rows = JtlRow.readAll(worker.jtl());
            assertThat(rows).as(worker.name()).hasSize(ROWS_PER_WORKER);
            assertThat(rows).extracting(JtlRow::label).hasSameElementsAs(WorkerPlan.LABELS);
            assertThat(rows).extracting(JtlRow::threadName).allMatch(thread -> thread.startsWith(worker.name() + " "));
        }
        assertThat(allRows()).hasSize((int) served);
    }

    @Test
    void mergedCountErrorsAndLabelsAreThoseOfAllRows() throws Exception {
        Samples merged = mergedSamples();
        List<JtlRow> rows = allRows();

        assertThat(merged.overall().count()).isEqualTo(rows.size());
        assertThat(merged.overall().errors())
                .isEqualTo(rows.stream().filter(row -> !row.success()).count())
                .isEqualTo(failed)
                .isPositive();
        assertThat(rows).filteredOn(row -> !row.success()).extracting(JtlRow::label, JtlRow::responseCode)
                .containsOnly(tuple("checkout", "500"));
        assertThat(merged.byLabel()).containsOnlyKeys(WorkerPlan.LABELS);
        for (String label : WorkerPlan.LABELS) {
            List<JtlRow> ofLabel = rows.stream().filter(row -> row.label().equals(label)).toList();
            assertThat(merged.byLabel().get(label).count()).as(label).isEqualTo(ofLabel.size());
            assertThat(merged.byLabel().get(label).errors()).as(label)
                    .isEqualTo(ofLabel.stream().filter(row -> !row.success()).count());
        }
    }

    @Test
    void mergedPercentilesAreTheNearestRankOnesOfAllRowsOverallAndPerLabel() throws Exception {
        Samples merged = mergedSamples();
        List<JtlRow> rows = allRows();

        assertNearestRank("overall", merged.overall(), sortedMillis(rows));
        for (String label : WorkerPlan.LABELS) {
            assertNearestRank(label, merged.byLabel().get(label),
                    sortedMillis(rows.stream().filter(row -> row.label().equals(label)).toList()));
        }
    }

    /**
     * The tolerance: the histograms keep 3 significant digits and report the highest value of the bucket holding a
     * percentile's value, so from the exact value up to 0.1 % above it. No absolute slack: elapsed times are whole
     * milliseconds in the JTL and in the histograms alike. The exact value is the nearest-rank one, at rank ⌈p·n/100⌉
     * of the sorted rows; where p·n/100 is a whole number, HdrHistogram's rank, computed in floating point, can come out
     * one higher, so the value at that next rank is allowed as well.
     */
    private static void assertNearestRank(String what, Figures figures, long[] sorted) {
        int n = sorted.length;
        Map<Integer, Double> reported = Map.of(50, figures.p50Millis(), 90, figures.p90Millis(),
                95, figures.p95Millis(), 99, figures.p99Millis());
        reported.forEach((p, value) -> {
            long rank = Math.ceilDiv((long) p * n, 100);
            long highestRank = (long) p * n % 100 == 0 ? Math.min(rank + 1, n) : rank;
            assertThat(value).as("%s p%d of %d samples", what, p, n)
                    .isBetween((double) sorted[(int) rank - 1], sorted[(int) highestRank - 1] * 1.001);
        });
    }

    private static Samples mergedSamples() throws Exception {
        Samples merged = new Samples(100);
        for (Worker worker : workers) {
            Samples one = new Samples(100);
            try (Reader jtl = Files.newBufferedReader(worker.jtl())) {
                assertThat(JtlCsvReader.read(jtl, one)).isEqualTo(new ReadReport(ROWS_PER_WORKER, 0));
            }
            merged.add(one);
        }
        return merged;
    }

    private static List<JtlRow> allRows() {
        return workers.stream().flatMap(worker -> JtlRow.readAll(worker.jtl()).stream()).toList();
    }

    private static long[] sortedMillis(List<JtlRow> rows) {
        return rows.stream().mapToLong(JtlRow::elapsedMillis).sorted().toArray();
    }
}
