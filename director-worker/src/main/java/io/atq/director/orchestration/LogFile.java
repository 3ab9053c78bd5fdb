package io.atq.director.orchestration;

import java.util.List;

/** A log file open for writing (see {@link TaskFiles}); every method throws {@link java.io.UncheckedIOException}. */
public interface LogFile extends AutoCloseable {

    /** Appends these lines, each ended by {@code \n}, in one write. */
    void append(List<String> lines);

    /** Ends the writing (a file written aside is moved into place now). */
    @Override
    void close();
}
