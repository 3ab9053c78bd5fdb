package io.atq.results;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** k6's CSV output: only request durations count, fractional milliseconds, failures from expected_response. */
class K6CsvReaderTest {
    private static final String HEADER = "metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,"
            + "method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata\n";

    private static String request(long second, String millis, boolean expected, String name) {
        return "http_req_duration," + second + "," + millis + ",,,," + expected + ",,GET," + name
                + ",HTTP/1.1,default,,200,,,http://sut/,,\n";
    }

    @Test
    void readsRequestDurationsAndSkipsEveryOtherMetric() throws Exception {
        String csv = HEADER
                + "http_reqs,1796601600,1.000000,,,,true,,GET,http://sut/,HTTP/1.1,default,,200,,,http://sut/,,\n"
                + request(1796601600, "12.345678", true, "http://sut/")
                + "http_req_failed,1796601600,0.000000,,,,true,,GET,http://sut/,HTTP/1.1,default,,200,,,http://sut/,,\n"
                + request(1796601601, "250.5", false, "checkout")
                + "vus,1796601601,10.000000,,,,,,,,,,,,,,,,\n";
        Samples samples = new Samples(10);

        ReadReport report = K6CsvReader.read(new StringReader(csv), samples);

        assertThat(report).isEqualTo(new ReadReport(2, 0));
        assertThat(samples.byLabel()).containsOnlyKeys("http://sut/", "checkout");
        Figures overall = samples.overall();
        assertThat(overall.errors()).isEqualTo(1);
        assertThat(overall.minMillis()).isCloseTo(12.345, within(0.02));
        assertThat(overall.maxMillis()).isCloseTo(250.5, within(0.3));
    }

    @Test
    void aRequestRowThatDoesNotParseIsMalformed() throws Exception {
        String csv = HEADER + request(1796601600, "NaN", true, "a") + request(1796601600, "-1", true, "a")
                + request(1796601600, "3", true, "a") + "http_req_duration,soon,3,,,,true\n";

        ReadReport report = K6CsvReader.read(new StringReader(csv), new Samples(10));

        assertThat(report).isEqualTo(new ReadReport(1, 3));
    }

    @Test
    void aJtlIsNotK6Output() {
        assertThatThrownBy(() -> K6CsvReader.read(new StringReader("timeStamp,elapsed,label,success\n1,2,a,true\n"), new Samples(10)))
                .isInstanceOf(ResultsFileException.class).hasMessageContaining("no column 'metric_name'");
    }
}
