package io.atq.gateway.problems;

/**
 * A body the gateway will not read as JSON (415): another media type, a charset other than UTF-8, a content coding.
 * Retrying the same request never helps.
 */
public final class UnsupportedContentException extends RuntimeException {
    private final String header;
    private final String problem;
    private final String accepted;

    /** A JSON body refused: the answer's {@code Accept} names {@code application/json}. */
    public UnsupportedContentException(String header, String problem) {
        this(header, problem, "application/json");
    }

    /**
     * @param header   the request header at fault, e.g. {@code Content-Type}
     * @param problem  what is wrong with it and what to send instead
     * @param accepted the media types the route reads, for the answer's {@code Accept} header (RFC 9110 §15.5.16)
     */
    public UnsupportedContentException(String header, String problem, String accepted) {
        super(header + ": " + problem);
        this.header = header;
        this.problem = problem;
        this.accepted = accepted;
    }

    public String getHeader() {
        return header;
    }

    public String getProblem() {
        return problem;
    }

    public String getAccepted() {
        return accepted;
    }
}
