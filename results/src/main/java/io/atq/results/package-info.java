/**
 * Test results read as they are and merged exactly (work in progress, issue 16): {@link io.atq.results.JtlCsvReader}
 * streams JMeter's CSV JTL into {@link io.atq.results.Samples}, which keeps HdrHistogram latency histograms overall
 * and per label, so the results of many files and workers merge into exact percentiles within the histogram's
 * precision instead of an average of per-file percentiles.
 */
@NullMarked
package io.atq.results;

import org.jspecify.annotations.NullMarked;
