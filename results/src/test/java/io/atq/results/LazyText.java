package io.atq.results;

import java.io.Reader;
import java.util.function.LongFunction;

/** Text made as it is read, never held whole: gigabytes of it cost nothing until read, and a bounded reader never reads them. */
final class LazyText extends Reader {
    private final long count;
    private final LongFunction<String> piece;
    private String current;
    private int offset;
    private long next;
    private long delivered;

    private LazyText(String header, long count, LongFunction<String> piece) {
        this.count = count;
        this.piece = piece;
        this.current = header;
    }

    /** {@code header}, then {@code line.apply(0)} to {@code line.apply(count - 1)}, each ending in its own newline. */
    static LazyText lines(String header, long count, LongFunction<String> line) {
        return new LazyText(header, count, i -> line.apply(i) + "\n");
    }

    /** {@code header}, then {@code fill} repeated to at least {@code length} characters, without a line break of its own. */
    static LazyText oneLine(String header, String fill, long length) {
        String chunk = fill.repeat(64 * 1024 / fill.length());
        return new LazyText(header, Math.ceilDiv(length, chunk.length()), i -> chunk);
    }

    @Override
    public int read(char[] buffer, int off, int len) {
        while (offset == current.length()) {
            if (next == count) {
                return -1;
            }
            current = piece.apply(next++);
            offset = 0;
        }
        int n = Math.min(len, current.length() - offset);
        current.getChars(offset, offset + n, buffer, off);
        offset += n;
        delivered += n;
        return n;
    }

    /** How many characters were read so far. */
    long delivered() {
        return delivered;
    }

    @Override
    public void close() {
    }
}
