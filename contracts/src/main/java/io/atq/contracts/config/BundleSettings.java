package io.atq.contracts.config;

/**
 * Limits on uploaded test-data bundles (zip or tar.gz).
 *
 * @param maxUploadBytes    largest upload
 * @param maxExtractedBytes largest total extracted size (zip-bomb guard)
 * @param maxEntries        most files and folders in one bundle
 */
public record BundleSettings(long maxUploadBytes, long maxExtractedBytes, int maxEntries) {
    /** 100 MiB upload, 1 GiB extracted, 10 000 entries. */
    public static final BundleSettings DEFAULT = new BundleSettings(100L << 20, 1L << 30, 10_000);
}
