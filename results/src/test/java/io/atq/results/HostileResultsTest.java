package io.atq.results;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Results files that are broken or built to hurt are reported, never a crash, and bounded in memory. */
class HostileResultsTest {
    private static final String HEADER = "timeStamp,elapsed,label,success\n";

    @Test
    void malformedRowsAreCountedAndSkipped() throws Exception {
        Samples samples = new Samples(10);
        String csv = HEADER + "1796601600000,12,home,true\nnot-a-time,12,home,true\n1796601600010,-5,home,true\n"
                + "1796601600020,7,home,maybe\n1796601600030\n1796601600040,9,home,false\n";

        ReadReport report = JtlCsvReader.read(new StringReader(csv), samples);

        assertThat(report).isEqualTo(new ReadReport(2, 4));
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
    }
}
