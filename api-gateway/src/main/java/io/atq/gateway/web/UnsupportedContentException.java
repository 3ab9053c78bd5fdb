package io.atq.gateway.web;

/**
 * A body the gateway will not read as JSON (415): another media type, a charset other than UTF-8, a content coding.
 * Retrying the same request never helps.
 */
public final class UnsupportedContentException extends RuntimeException {
    private final String header;
    private final String problem;

    /**
     * @param header  the request header at fault, e.g. {@code Content-Type}
     * @param problem what is wrong with it and what to send instead
     */
    public UnsupportedContentException(String header, String problem) {
        super(header + ": " + problem);
        this.header = header;
        this.problem = problem;
    }

    public String getHeader() {
        return header;
    }

    public String getProblem() {
        return problem;
    }
}
