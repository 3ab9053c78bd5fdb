package io.atq.gateway.web;

import io.atq.gateway.evidence.ResultFiles;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The answer of {@code GET /v1/tasks/{id}/results}: what the master has written to {@code /atq/results} so far.
 *
 * @param files     by path
 * @param truncated whether the master wrote more files than an answer lists ({@link EvidenceResponses#MAX_RESULT_FILES});
 *                  the artifacts zip holds them all
 */
@Schema(description = "The files the master wrote to /atq/results so far (regular files; links are skipped)")
public record ResultsView(List<FileView> files, boolean truncated) {

    /**
     * One file.
     *
     * @param path  under {@code results/}, {@code /}-separated (as in the artifacts zip, after {@code results/})
     * @param bytes its size
     */
    public record FileView(String path, long bytes) {
    }

    static ResultsView of(ResultFiles.Listing listing) {
        return new ResultsView(listing.files().stream().map(f -> new FileView(f.path(), f.bytes())).toList(), listing.truncated());
    }
}
