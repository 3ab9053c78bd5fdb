package io.atq.gateway.bundles;

import java.time.Instant;
import java.util.List;

/**
 * A stored bundle, as {@code bundle.json} records it.
 *
 * @param id             SHA-256 (lower-case hex) of the uploaded archive
 * @param format         {@code zip} or {@code tar.gz}
 * @param size           bytes uploaded
 * @param entries        archive entries (files and folders)
 * @param files          regular files extracted
 * @param extractedBytes bytes extracted
 * @param uploadedBy     the client that uploaded it first
 * @param uploadedAt     when it was first stored
 * @param clients        every client that uploaded it (content-addressed: the same archive is stored once)
 */
public record BundleInfo(String id, String format, long size, int entries, int files, long extractedBytes,
                         String uploadedBy, Instant uploadedAt, List<String> clients) {
    public BundleInfo {
        clients = clients == null ? List.of(uploadedBy) : List.copyOf(clients);
    }

    /** Whether {@code client} uploaded it (and so sees it in its list). */
    public boolean uploadedBy(String client) {
        return clients.contains(client);
    }

    BundleInfo withClient(String client) {
        if (clients.contains(client)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(clients);
        more.add(client);
        return new BundleInfo(id, format, size, entries, files, extractedBytes, uploadedBy, uploadedAt, more);
    }
}
