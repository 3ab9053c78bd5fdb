package io.atq.gateway.problems;

/** No bundle with this id is stored, or the caller may not see it (404). */
public final class BundleNotFoundException extends RuntimeException {
    public BundleNotFoundException(String id) {
        super("no bundle with id '" + id + "'");
    }
}
