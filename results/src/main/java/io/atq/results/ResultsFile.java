package io.atq.results;

/**
 * A results file that was read: its samples are in the summary.
 *
 * @param path          where it is, under the summary's display prefix ({@code results/workers/2/k6.csv})
 * @param format        {@code jtl-csv} (JMeter CSV JTL), {@code k6-csv} (k6 {@code --out csv}) or {@code atq-csv}
 *                      (the ATQ samples CSV, {@link AtqCsvReader})
 * @param samples       requests read
 * @param malformedRows request rows that did not parse and were skipped
 */
public record ResultsFile(String path, String format, long samples, long malformedRows) {
}
