package io.atq.results;

/**
 * What reading one results file found.
 *
 * @param samples       requests added
 * @param malformedRows request rows that did not parse and were skipped
 */
public record ReadReport(long samples, long malformedRows) {
}
