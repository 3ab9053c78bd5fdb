package io.atq.results;

/**
 * A results file that could not be read: none of its samples are in the summary.
 *
 * @param path    where it is, under the summary's display prefix ({@code results/master.jtl}); the folder itself when
 *                the problem is the folder's (more files than are read)
 * @param problem why, one sentence: {@code larger than 1 GiB (2147483648 bytes)}
 */
public record UnreadableFile(String path, String problem) {
    /** {@code results/master.jtl: larger than 1 GiB (2147483648 bytes)}. */
    public String describe() {
        return path + ": " + problem;
    }
}
