package io.atq.results;

/**
 * A results file that cannot be read as its format (no header, a required column missing, not text, a row too long).
 * Never worth a retry: the file stays as it is. The task's verdict stays the master's; the file is reported as
 * unreadable with {@link #problem()}.
 */
public final class ResultsFileException extends Exception {
    private final String problem;

    public ResultsFileException(String problem) {
        super(problem);
        this.problem = problem;
    }

    public ResultsFileException(String problem, Throwable cause) {
        super(problem, cause);
        this.problem = problem;
    }

    /** What is wrong with the file, one sentence: {@code not a CSV JTL: no column 'timeStamp' in its header}. */
    public String problem() {
        return problem;
    }
}
