package io.atq.bench;

import io.atq.results.ResultsFolder;
import io.atq.results.ResultsSummary;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Figure 6: summarising a task's JMeter output with the {@code results} module (every file read, merged exactly,
 * labels and a 1 s series) against a plain single-threaded CSV read of the same files (each line read and split,
 * {@code elapsed} parsed and summed: the least any summary has to do). Both read from the page cache: the files are
 * read once before the measured rounds. Memory: the heap the summary keeps, for a quarter of the rows and for all.
 */
final class ResultsBench {
    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";
    /** The heap of the JVM that summarises every row once more: far below the files' size (~100 MB for a million rows). */
    static final int SMALL_HEAP_MB = 32;
    private static final String[] LABELS = {"home", "search", "product", "cart", "checkout", "login"};

    /**
     * @param atq            nanoseconds per summary, one per round
     * @param plain          nanoseconds per plain read, one per round
     * @param retainedSmall  heap bytes a summary of {@code smallRows} keeps
     * @param retainedLarge  heap bytes a summary of every row keeps
     * @param smallHeap      how summarising every row went in a JVM of {@link #SMALL_HEAP_MB} MB heap
     */
    record Result(int files, long rows, long bytes, Stats atq, Stats plain, long smallRows, long retainedSmall, long retainedLarge,
                  double p95Millis, String smallHeap) {
    }

    private ResultsBench() {
    }

    /** Writes {@code files} JTL files of {@code rows} rows together under {@code work}, measures, and removes them. */
    static Result run(Path work, Path selfJar, long rows, int files, int rounds) throws IOException, InterruptedException {
        Path all = Files.createDirectories(work.resolve("results-bench/all"));
        Path quarter = Files.createDirectories(work.resolve("results-bench/quarter"));
        try {
            long bytes = 0;
            for (int f = 0; f < files; f++) {
                bytes += write(all.resolve("worker-" + f + ".jtl"), rows / files, f);
            }
            write(quarter.resolve("worker-0.jtl"), rows / 4, 0);
            long checksum = plainRead(all); // warms the page cache and the code
            ResultsSummary check = ResultsFolder.summarize(all, "results");
            if (check.overall().count() != rows || check.files().size() != files) {
                throw new IllegalStateException("summarised " + check.overall().count() + " rows of " + check.files().size()
                        + " files, wrote " + rows + " in " + files);
            }
            List<Long> atq = new ArrayList<>();
            List<Long> plain = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                ResultsFolder.summarize(all, "results");
                atq.add(System.nanoTime() - t0);
                t0 = System.nanoTime();
                if (plainRead(all) != checksum) {
                    throw new IllegalStateException("the plain read changed its sum");
                }
                plain.add(System.nanoTime() - t0);
            }
            long retainedSmall = retained(quarter);
            long retainedLarge = retained(all);
            return new Result(files, rows, bytes, Stats.of(atq), Stats.of(plain), rows / 4, retainedSmall, retainedLarge,
                    check.overall().p95Millis(), inSmallHeap(selfJar, all, rows));
        } finally {
            for (Path dir : List.of(all, quarter)) {
                try (var list = Files.list(dir)) {
                    for (Path p : list.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
            Files.deleteIfExists(work.resolve("results-bench"));
        }
    }

    /** JMeter's default CSV columns; latencies log-normal around 40 ms per label, 1 % errors. Returns the bytes written. */
    private static long write(Path file, long rows, int seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long start = 1_796_600_000_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            for (long i = 0; i < rows; i++) {
                String label = LABELS[(int) (i % LABELS.length)];
                long elapsed = Math.round(Math.exp(Math.log(40) + 0.6 * gaussian(random)) * (1 + (i % LABELS.length) * 0.2));
                boolean ok = random.nextInt(100) != 0;
                out.write(Long.toString(start + i * 4 / 10));
                out.write(',');
                out.write(Long.toString(elapsed));
                out.write(',');
                out.write(label);
                out.write(ok ? ",200,OK,Thread Group 1-" : ",500,Internal Server Error,Thread Group 1-");
                out.write(Integer.toString((int) (i % 50) + 1));
                out.write(ok ? ",text,true,,2048,180,50,200,http://sut/" : ",text,false,Test failed,512,180,50,200,http://sut/");
                out.write(label);
                out.write(',');
                out.write(Long.toString(elapsed / 2));
                out.write(",0,");
                out.write(Long.toString(elapsed / 10));
                out.newLine();
            }
        }
        return Files.size(file);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Every line of every file, split at commas, {@code elapsed} parsed and summed: single-threaded. */
    private static long plainRead(Path dir) throws IOException {
        long sum = 0;
        try (var list = Files.list(dir)) {
            for (Path file : list.sorted().toList()) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    in.readLine();
                    String line;
                    while ((line = in.readLine()) != null) {
                        sum += Long.parseLong(line.split(",", -1)[1]);
                    }
                }
            }
        }
        return sum;
    }

    /** Summarises {@code dir} in a child JVM of {@value #SMALL_HEAP_MB} MB heap: "completed in …" or what went wrong. */
    private static String inSmallHeap(Path selfJar, Path dir, long rows) throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(javaBin.toString(), "-Xmx" + SMALL_HEAP_MB + "m", "-jar", selfJar.toString(), "summarise", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "did not finish in 5 minutes";
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (p.exitValue() != 0 || !output.endsWith("samples " + rows)) {
            return "failed (exit " + p.exitValue() + "): " + output.lines().reduce((a, b) -> b).orElse("");
        }
        return "completed in " + Row.ms(millis) + " (JVM start included)";
    }

    /** The heap a summary of {@code dir} keeps alive: used heap after a full collection, with it minus without it. */
    private static long retained(Path dir) {
        long before = usedAfterGc();
        ResultsSummary summary = ResultsFolder.summarize(dir, "results");
        long with = usedAfterGc();
        if (summary.overall().count() < 0) {
            throw new IllegalStateException("unreachable: keeps the summary alive until here");
        }
        return Math.max(0, with - before);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
