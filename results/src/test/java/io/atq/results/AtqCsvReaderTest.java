package io.atq.results;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The ATQ samples CSV: epoch-millisecond starts, fractional milliseconds, labels and success by column name. */
class AtqCsvReaderTest {
    private static final String HEADER = "timestamp,elapsed_ms,label,success\n";

    @Test
    void readsFractionalMillisecondsLabelsAndSuccess() throws Exception {
        String csv = HEADER + "1796601600000,12.5,home,true\n1796601600004,250,\"checkout, step 2\",false\n"
                + "1796601601000,0.042,home,true\n";
        Samples samples = new Samples(10);

        ReadReport report = AtqCsvReader.read(new StringReader(csv), samples);

        assertThat(report).isEqualTo(new ReadReport(3, 0));
        assertThat(samples.byLabel()).containsOnlyKeys("home", "checkout, step 2");
        Figures overall = samples.overall();
        assertThat(overall.errors()).isEqualTo(1);
        assertThat(overall.minMillis()).isEqualTo(0.042);
        assertThat(overall.maxMillis()).isCloseTo(250, within(0.25));
        assertThat(samples.series()).extracting(SeriesPoint::requests).containsExactly(2L, 1L);
    }

    @Test
    void findsItsColumnsInAnyOrderAmongOthers() throws Exception {
        String csv = "success,thread,label,elapsed_ms,timestamp\ntrue,t1,home,3.25,1796601600000\n";
        Samples samples = new Samples(10);

        AtqCsvReader.read(new StringReader(csv), samples);

        assertThat(samples.byLabel().get("home").meanMillis()).isCloseTo(3.25, within(0.01));
    }

    @Test
    void countsRowsOutOfRangeOrNotParsingAsMalformed() throws Exception {
        String csv = HEADER + "1796601600000,1,a,true\n"
                + "1796601600000.5,1,a,true\n" + "-1,1,a,true\n" + "1796601600000,-0.5,a,true\n"
                + "1796601600000,NaN,a,true\n" + "1796601600000,86400000.001,a,true\n" + "1796601600000,1,a,yes\n"
                + "1796601600000,1\n" + "253402300800000,1,a,true\n";

        ReadReport report = AtqCsvReader.read(new StringReader(csv), new Samples(10));

        assertThat(report).isEqualTo(new ReadReport(1, 8));
    }

    @Test
    void aHeaderWithoutItsColumnsIsNotAnAtqSamplesCsv() {
        assertThatThrownBy(() -> AtqCsvReader.read(new StringReader("timestamp,elapsed,label,success\n1,2,a,true\n"), new Samples(10)))
                .isInstanceOf(ResultsFileException.class)
                .hasMessage("not an ATQ samples CSV: no column 'elapsed_ms' in its header");
    }
}
