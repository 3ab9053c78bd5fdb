package io.atq.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files too large, or with rows too long, are reported as unreadable in a moment, and never cost the other files.
 * Sparse files stand in for big ones: their size costs no disk, and reading them gives zeros.
 */
class OversizedFilesTest {
    @TempDir
    Path results;

    private Path sparse(String name, long size) throws IOException {
        Path file = results.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        return file;
    }

    @Test
    void aFileLargerThanOneGibIsNotRead() throws IOException {
        sparse("big.jtl", 2L << 30);

        ResultsSummary summary = ResultsFolder.summarize(results, "results");

        assertThat(summary.unreadable()).containsExactly(new UnreadableFile("results/big.jtl", "larger than 1 GiB (2147483648 bytes)"));
        assertThat(summary.files()).isEmpty();
    }

    @Test
    void aFileOfZerosUnderTheLimitIsUnreadableAfterItsFirstMebibyte() throws IOException {
        sparse("zeros.csv", ResultsFolder.MAX_FILE_BYTES);

        ResultsSummary summary = ResultsFolder.summarize(results, "results");

        assertThat(summary.unreadable()).containsExactly(new UnreadableFile("results/zeros.csv",
                "a row is longer than 1048576 characters (1 MiB): not a results file"));
    }

    @Test
    void anUnreadableFileCountsNoSampleAndTheOthersAreRead() throws IOException {
        String header = "timeStamp,elapsed,label,success\n";
        Files.writeString(results.resolve("a.jtl"), header + "1796601600000,5,home,true\n1796601600001,6,home,true\n"
                + "1796601600002,7,home,true\n1796601600003,8,home," + "x".repeat(CsvSamples.MAX_LINE_CHARS) + "\n");
        Files.writeString(results.resolve("b.jtl"), header + "1796601600000,9,home,true\n");

        ResultsSummary summary = ResultsFolder.summarize(results, "results");

        assertThat(summary.unreadable()).containsExactly(new UnreadableFile("results/a.jtl",
                "a row is longer than 1048576 characters (1 MiB) after 3 samples: not a results file"));
        assertThat(summary.files()).containsExactly(new ResultsFile("results/b.jtl", "jtl-csv", 1, 0));
        assertThat(summary.overall().count()).isEqualTo(1);
        assertThat(summary.series()).extracting(SeriesPoint::requests).containsExactly(1L);
    }
}
