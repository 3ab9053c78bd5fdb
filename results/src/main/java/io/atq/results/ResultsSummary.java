package io.atq.results;

import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.ThresholdOutcome;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's results as the director measured them from every results file it found ({@link ResultsFolder}): the
 * samples of all files merged exactly, and what became of each file.
 *
 * @param overall                 the figures of every sample
 * @param labels                  the figures per label, in the order labels were first seen (files in path order)
 * @param labelsCapped            whether there were more labels than are kept apart: the rest count under
 *                                {@link Samples#OTHER_LABELS}
 * @param seriesResolutionSeconds how many seconds each point of {@code series} spans (1, or a power of 2)
 * @param series                  requests, errors and p95 per step, from the first sample's to the last one's
 * @param files                   the files read, in path order
 * @param unreadable              the results files that could not be read: their samples are not counted
 * @param skipped                 {@code .csv} files whose header is none of the results formats: not results files
 */
public record ResultsSummary(Figures overall, Map<String, Figures> labels, boolean labelsCapped, int seriesResolutionSeconds,
                             List<SeriesPoint> series, List<ResultsFile> files, List<UnreadableFile> unreadable,
                             List<String> skipped) {
    public ResultsSummary {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        series = List.copyOf(series);
        files = List.copyOf(files);
        unreadable = List.copyOf(unreadable);
        skipped = List.copyOf(skipped);
    }

    /** The summary of {@code samples}, read from {@code files}. */
    static ResultsSummary of(Samples samples, List<ResultsFile> files, List<UnreadableFile> unreadable, List<String> skipped) {
        return new ResultsSummary(samples.overall(), samples.byLabel(), samples.labelsCapped(),
                samples.seriesResolutionSeconds(), samples.series(), files, unreadable, skipped);
    }

    /** The headline the terminal phase change carries: the overall figures, the files and the thresholds' outcomes. */
    public ResultsHeadline headline(List<ThresholdOutcome> outcomes) {
        return new ResultsHeadline(overall.count(), overall.errors(), overall.errorRate(), overall.throughput(),
                overall.latencyMillis(), files.size(), unreadable.stream().map(UnreadableFile::describe).toList(), outcomes);
    }
}
