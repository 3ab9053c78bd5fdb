package io.atq.director.orchestration;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The truncating writer every log file goes through. */
class CappedLogTest {
    private final List<List<String>> writes = new ArrayList<>();

    private List<String> file() {
        return writes.stream().flatMap(List::stream).toList();
    }

    @Test
    void keepsALogWithinTheCapWholeAndReportsNothing() {
        CappedLog log = new CappedLog("master.log", 12, 0, writes::add);
        log.add("hello");
        log.add("world");

        assertThat(log.finish()).isEmpty();
        assertThat(file()).containsExactly("hello", "world");
    }

    @Test
    void dropsEveryLineFromTheFirstThatPassesTheCapAndEndsWithOneLineSayingHowMuch() {
        CappedLog log = new CappedLog("master.log", 10, 0, writes::add);
        log.add("12345");      // 6 bytes with its newline
        log.add("123456789");  // would make 16: dropped
        log.add("ab");         // would fit, but the file stays a prefix of the log: dropped
        log.add("é");          // two bytes in UTF-8

        List<String> problems = log.finish();

        assertThat(file()).containsExactly("12345", "[atq] log truncated at 10 bytes: 16 more bytes in 3 lines left out");
        assertThat(problems).containsExactly("master.log: truncated at 10 bytes, 16 bytes in 3 lines left out");
        assertThat(log.truncated()).isTrue();
    }

    @Test
    void countsWhatTheFileAlreadyHoldsAgainstTheCap() {
        CappedLog log = new CappedLog("master.log", 10, 8, writes::add);
        log.add("a");
        log.add("b");

        assertThat(log.finish()).containsExactly("master.log: truncated at 10 bytes, 2 bytes in 1 lines left out");
        assertThat(file()).startsWith("a");
    }

    @Test
    void writesInBatchesSoALongLogIsNeverHeldWhole() {
        CappedLog log = new CappedLog("master.log", Long.MAX_VALUE, 0, writes::add);
        for (int i = 0; i < 100_000; i++) {
            log.add("line " + i);
        }
        log.finish();

        assertThat(file()).hasSize(100_000).endsWith("line 99999");
        assertThat(writes).hasSizeGreaterThan(20).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(4096));
    }

    @Test
    void aFailedWriteStopsLaterWritesAndIsReportedInTheFileSystemsWords() {
        int[] attempts = {0};
        CappedLog log = new CappedLog("workers/worker-2.log", 1_000, 0, lines -> {
            attempts[0]++;
            throw new UncheckedIOException("cannot write /shared/x", new IOException("No space left on device"));
        });
        log.add("one");
        log.flush();
        log.add("two");

        assertThat(log.failed()).isTrue();
        assertThat(log.finish()).containsExactly("workers/worker-2.log: cannot write: No space left on device (2 lines not written)");
        assertThat(attempts[0]).isEqualTo(1);
    }

    @Test
    void aPathTheFileSystemRefusesIsNamedByItsReasonNotItsPath() {
        UncheckedIOException e = new UncheckedIOException("x", new FileSystemException("/shared/tasks/t/master.log", null, "Is a directory"));
        assertThat(CappedLog.reason(e)).isEqualTo("Is a directory");
    }

    @Test
    void measuresLinesInUtf8Bytes() {
        assertThat(CappedLog.utf8Length("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
    }
}
