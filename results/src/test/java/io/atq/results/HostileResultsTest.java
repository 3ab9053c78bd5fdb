package io.atq.results;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Results text that is broken or built to hurt is reported, never a crash, and bounded in memory and time. */
class HostileResultsTest {
    private static final String HEADER = "timeStamp,elapsed,label,success\n";
    private static final long TWO_GIB = 2L << 30;

    @Test
    void malformedRowsAreCountedAndSkipped() throws Exception {
        Samples samples = new Samples(10);
        String csv = HEADER + "1796601600000,12,home,true\nnot-a-time,12,home,true\n1796601600010,-5,home,true\n"
                + "1796601600020,7,home,maybe\n1796601600030\n1796601600040,9,home,false\n"
                + "1796601600050,86400001,home,true\n-1,9,home,true\n";

        ReadReport report = JtlCsvReader.read(new StringReader(csv), samples);

        assertThat(report).isEqualTo(new ReadReport(2, 6));
        assertThat(samples.overall().errors()).isEqualTo(1);
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsNotAJtl() {
        assertThatThrownBy(() -> JtlCsvReader.read(new StringReader("time,latency\n1,2\n"), new Samples(10)))
                .isInstanceOf(ResultsFileException.class).hasMessageContaining("no column 'timeStamp'");
        assertThatThrownBy(() -> JtlCsvReader.read(new StringReader(""), new Samples(10)))
                .isInstanceOf(ResultsFileException.class).hasMessageContaining("empty");
    }

    @Test
    void labelsPastTheLimitAreCountedTogether() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 5_000; i++) {
            csv.append(1796601600000L + i).append(",5,label-").append(i).append(",true\n");
        }
        Samples samples = new Samples(100);

        JtlCsvReader.read(new StringReader(csv.toString()), samples);

        assertThat(samples.byLabel()).hasSize(101).containsKey(Samples.OTHER_LABELS);
        assertThat(samples.byLabel().get(Samples.OTHER_LABELS).count()).isEqualTo(4_900);
        assertThat(samples.overall().count()).isEqualTo(5_000);
        assertThat(samples.labelsCapped()).isTrue();
    }

    @Test
    void aTwoGibLineStopsTheFileAfterItsFirstMebibyte() {
        LazyText text = LazyText.oneLine(HEADER + "1796601600000,5,home,true\n1796601600001,5,", "a", TWO_GIB);

        assertThatThrownBy(() -> JtlCsvReader.read(text, new Samples(10))).isInstanceOf(ResultsFileException.class)
                .hasMessage("a row is longer than 1048576 characters (1 MiB) after 1 samples: not a results file");
        assertThat(text.delivered()).isLessThan(2 * CsvSamples.MAX_LINE_CHARS);
    }

    @Test
    void aQuotedFieldOfMillionsOfShortLinesIsOneRowAndStopsTheFileToo() {
        LazyText text = LazyText.oneLine(HEADER + "1796601600000,5,\"", "a\n", TWO_GIB);

        assertThatThrownBy(() -> JtlCsvReader.read(text, new Samples(10))).isInstanceOf(ResultsFileException.class)
                .hasMessageStartingWith("a row is longer than 1048576 characters");
        assertThat(text.delivered()).isLessThan(2 * CsvSamples.MAX_LINE_CHARS);
    }

    @Test
    void quotedLineBreaksAndQuotesWithinTheLimitAreRead() throws Exception {
        String csv = HEADER + "1796601600000,5,\"two\nlines, \"\"quoted\"\"\",true\n1796601600001,5,plain,true\n";
        Samples samples = new Samples(10);

        JtlCsvReader.read(new StringReader(csv), samples);

        assertThat(samples.byLabel()).containsOnlyKeys("two\nlines, \"quoted\"", "plain");
    }

    @Test
    void aMillionLabelsCostOnlyTheHistogramsOfTheLabelsKept() throws Exception {
        Samples samples = new Samples(ResultsFolder.MAX_LABELS);
        LazyText text = LazyText.lines("timestamp,elapsed_ms,label,success\n", 1_000_000,
                i -> (1796601600000L + i) + ",1.5,label-" + i + "," + (i % 10 != 0));

        ReadReport report = AtqCsvReader.read(text, samples);

        assertThat(report).isEqualTo(new ReadReport(1_000_000, 0));
        assertThat(samples.byLabel()).hasSize(ResultsFolder.MAX_LABELS + 1);
        assertThat(samples.byLabel().get(Samples.OTHER_LABELS).count()).isEqualTo(1_000_000 - ResultsFolder.MAX_LABELS);
        assertThat(samples.overall().errors()).isEqualTo(100_000);
        assertThat(samples.footprintBytes()).isLessThan(8L << 20);
    }

    @Test
    void aLabelIsKeptToItsFirstThousandCharacters() throws Exception {
        String longLabel = "x".repeat(Samples.MAX_LABEL_CHARS - 1) + "\uD83D\uDE00" + "tail";
        Samples samples = new Samples(10);

        AtqCsvReader.read(new StringReader("timestamp,elapsed_ms,label,success\n1796601600000,1," + longLabel + ",true\n"), samples);

        assertThat(samples.byLabel()).containsOnlyKeys("x".repeat(Samples.MAX_LABEL_CHARS - 1));
    }
}
