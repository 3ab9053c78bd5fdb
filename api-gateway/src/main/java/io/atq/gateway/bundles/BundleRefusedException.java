package io.atq.gateway.bundles;

/**
 * An upload that is not an acceptable bundle (400): unreadable, or an entry that would escape the bundle, link
 * somewhere, or push it past a limit. Retrying the same archive never helps.
 */
public final class BundleRefusedException extends RuntimeException {
    /** What {@link #getEntry()} names when the archive as a whole is at fault. */
    public static final String ARCHIVE = "$archive";

    private final String entry;
    private final String problem;

    public BundleRefusedException(String entry, String problem) {
        super((ARCHIVE.equals(entry) ? "the archive" : "entry '" + entry + "'") + ": " + problem);
        this.entry = entry;
        this.problem = problem;
    }

    static BundleRefusedException archive(String problem) {
        return new BundleRefusedException(ARCHIVE, problem);
    }

    /** The entry's name as the archive spells it (control characters escaped), or {@link #ARCHIVE}. */
    public String getEntry() {
        return entry;
    }

    /** What is wrong, without the entry's name. */
    public String getProblem() {
        return problem;
    }

    public boolean isRetryable() {
        return false;
    }
}
