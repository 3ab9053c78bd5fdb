package io.atq.gateway.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a growing log file from where it last stopped: complete lines only, until told it is the last read (the
 * writer has finished), which also returns an unfinished last line. A file that does not exist yet reads as empty.
 * Not thread-safe; blocking (call off the event loop).
 */
public final class LogTail {
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long position;

    public LogTail(Path file) {
        this.file = file;
    }

    /**
     * The complete lines written since the last call. With {@code last}, whatever remains too.
     */
    public List<String> poll(boolean last) {
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            channel.position(position);
            int read;
            while ((read = channel.read(buffer)) > 0) {
                position += read;
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        lines.add(partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                    } else {
                        partial.write(b);
                    }
                }
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            // not written yet (or removed): nothing new
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (last && partial.size() > 0) {
            lines.add(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        }
        return lines;
    }
}
