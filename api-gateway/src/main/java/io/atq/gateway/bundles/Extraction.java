package io.atq.gateway.bundles;

/**
 * What an extraction wrote.
 *
 * @param entries        archive entries (files and folders) read
 * @param files          regular files written
 * @param extractedBytes bytes written, counted as they were written (never the sizes the archive declares)
 */
public record Extraction(int entries, int files, long extractedBytes) {
}
