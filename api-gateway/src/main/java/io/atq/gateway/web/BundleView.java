package io.atq.gateway.web;

import io.atq.gateway.bundles.BundleInfo;

import java.time.Instant;

/**
 * A bundle as the API shows it.
 *
 * @param id             SHA-256 of the uploaded archive (use it as a task's {@code bundle})
 * @param format         {@code zip} or {@code tar.gz}
 * @param size           bytes uploaded
 * @param entries        archive entries (files and folders)
 * @param files          regular files
 * @param extractedBytes bytes of all files together
 * @param uploadedBy     the client that first uploaded it
 * @param uploadedAt     when it was first stored
 */
public record BundleView(String id, String format, long size, int entries, int files, long extractedBytes,
                         String uploadedBy, Instant uploadedAt) {
    static BundleView of(BundleInfo info) {
        return new BundleView(info.id(), info.format(), info.size(), info.entries(), info.files(), info.extractedBytes(),
                info.uploadedBy(), info.uploadedAt());
    }
}
