package io.atq.results;

/**
 * A results file that cannot be read as its format (no header, a required column missing, not text). Never worth a
 * retry: the file stays as it is. The task's verdict stays the master's; the file is reported as unreadable.
 */
public final class ResultsFileException extends Exception {
    public ResultsFileException(String message) {
        super(message);
    }

    public ResultsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
