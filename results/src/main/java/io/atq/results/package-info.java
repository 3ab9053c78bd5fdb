/**
 * A task's results, measured by the director from the files the tools wrote: {@link io.atq.results.ResultsFolder}
 * finds them (JMeter CSV JTL, k6 CSV, the ATQ samples CSV), reads each with bounded memory into
 * {@link io.atq.results.Samples} (HdrHistogram overall, per label and per second, merged exactly), and gives a
 * {@link io.atq.results.ResultsSummary}; {@link io.atq.results.ThresholdCheck} decides the thresholds on it and
 * {@link io.atq.results.SummaryDocument} writes the document the API serves.
 */
@NullMarked
package io.atq.results;

import org.jspecify.annotations.NullMarked;
