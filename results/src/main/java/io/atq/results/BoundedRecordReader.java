package io.atq.results;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes CSV text through and fails once one record is longer than a limit, so that a line of gigabytes, or a quoted
 * field spanning millions of short lines, ends reading with a clear message instead of a field, a row array or a
 * parser buffer growing until the heap is gone. It follows the quoting jackson-dataformat-csv reads by default (RFC
 * 4180): a quote opens a quoted field only at a field's start, two quotes inside one are a quote, and line breaks
 * inside one belong to the record.
 */
final class BoundedRecordReader extends Reader {
    /** A record longer than the limit. An {@link IOException} so that it travels through the CSV parser unchanged. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException(String message) {
            super(message);
        }
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final int maxChars;
    private State state = State.FIELD_START;
    private int chars;

    BoundedRecordReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        for (int i = offset; i < offset + read; i++) {
            step(buffer[i]);
        }
        return read;
    }

    private void step(char c) throws RecordTooLongException {
        if (state == State.QUOTED) {
            if (c == '"') {
                state = State.QUOTE_IN_QUOTED;
            }
        } else if (state == State.QUOTE_IN_QUOTED && c == '"') {
            state = State.QUOTED;
        } else if (c == '\n' || c == '\r') {
            state = State.FIELD_START;
            chars = 0;
            return;
        } else if (c == ',') {
            state = State.FIELD_START;
        } else {
            state = state == State.FIELD_START && c == '"' ? State.QUOTED : State.UNQUOTED;
        }
        if (++chars > maxChars) {
            throw new RecordTooLongException("a row is longer than " + maxChars + " characters");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
