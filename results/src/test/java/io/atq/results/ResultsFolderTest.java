package io.atq.results;

import io.atq.contracts.messages.ResultsHeadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A task's results folder walked: every results format found by its header, the rest skipped or reported. */
class ResultsFolderTest {
    private static final long T0 = 1_796_601_600_000L;
    private static final String K6_HEADER = "metric_name,timestamp,metric_value,check,error,error_code,expected_response,"
            + "group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata\n";

    @TempDir
    Path results;

    private Path write(String relative, String content) throws IOException {
        Path file = results.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String jtl(int rows) {
        StringBuilder csv = new StringBuilder("timeStamp,elapsed,label,responseCode,success,bytes\n");
        for (int i = 0; i < rows; i++) {
            csv.append(T0 + i * 100L).append(',').append(10 + i % 5).append(",home,200,").append(i % 10 != 0).append(",512\n");
        }
        return csv.toString();
    }

    private static String k6(int rows) {
        StringBuilder csv = new StringBuilder(K6_HEADER);
        for (int i = 0; i < rows; i++) {
            csv.append("http_reqs,").append(T0 / 1000 + i).append(",1,,,,true,,GET,login,HTTP/1.1,default,,200,,,,,\n");
            csv.append("http_req_duration,").append(T0 / 1000 + i).append(",42.5,,,,true,,GET,login,HTTP/1.1,default,,200,,,,,\n");
        }
        return csv.toString();
    }

    @Test
    void readsEveryResultsFormatAndMergesThemSkippingWhatIsNoResultsFile() throws IOException {
        write("master.jtl", jtl(300));
        write("workers/1/k6.csv", k6(20));
        write("workers/2/k6.csv", k6(30));
        write("workers/3/samples.CSV", "timestamp,elapsed_ms,label,success\n" + T0 + ",7.5,search,true\n" + T0 + ",x,search,true\n");
        write("data/users.csv", "username,password\nalice,secret\n");
        write("old.jtl", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testResults version=\"1.2\">\n</testResults>\n");
        write("notes.txt", "timeStamp,elapsed,label,success\n");
        Files.createDirectories(results.resolve("workers/4"));
        Files.createSymbolicLink(results.resolve("workers/4/linked.jtl"), results.resolve("master.jtl"));
        Files.createSymbolicLink(results.resolve("workers/5"), results.resolve("workers/1"));

        ResultsSummary summary = ResultsFolder.summarize(results, "results");

        assertThat(summary.files()).containsExactly(
                new ResultsFile("results/master.jtl", "jtl-csv", 300, 0),
                new ResultsFile("results/workers/1/k6.csv", "k6-csv", 20, 0),
                new ResultsFile("results/workers/2/k6.csv", "k6-csv", 30, 0),
                new ResultsFile("results/workers/3/samples.CSV", "atq-csv", 1, 1));
        assertThat(summary.skipped()).containsExactly("results/data/users.csv");
        assertThat(summary.unreadable()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo("results/old.jtl");
            assertThat(file.problem()).startsWith("an XML JTL");
        });
        assertThat(summary.overall().count()).isEqualTo(351);
        assertThat(summary.overall().errors()).isEqualTo(30);
        assertThat(summary.labels()).containsOnlyKeys("home", "login", "search");
        assertThat(summary.labels().get("login").count()).isEqualTo(50);
        assertThat(summary.series().stream().mapToLong(SeriesPoint::requests).sum()).isEqualTo(351);
    }

    @Test
    void aJtlWhoseHeaderIsNoResultsFormatIsUnreadableWhereACsvIsSkipped() throws IOException {
        write("a.jtl", "time,latency\n1,2\n");
        write("b.csv", "time,latency\n1,2\n");
        write("c.jtl", "");

        ResultsSummary summary = ResultsFolder.summarize(results, "");

        assertThat(summary.unreadable()).extracting(UnreadableFile::describe).containsExactly(
                "a.jtl: its header names none of the results formats: a CSV JTL (timeStamp, elapsed, label, success), "
                        + "k6 CSV output (metric_name, timestamp, metric_value), "
                        + "an ATQ samples CSV (timestamp, elapsed_ms, label, success)",
                "c.jtl: empty: no header row");
        assertThat(summary.skipped()).containsExactly("b.csv");
    }

    @Test
    void aK6FileWithoutTheTagsItNeedsIsUnreadable() throws IOException {
        write("k6.csv", "metric_name,timestamp,metric_value\nhttp_req_duration,1796601600,3\n");

        ResultsSummary summary = ResultsFolder.summarize(results, "results");

        assertThat(summary.unreadable()).containsExactly(
                new UnreadableFile("results/k6.csv", "not k6 CSV output: no column 'expected_response' in its header"));
    }

    @Test
    void filesDeeperThanTheLimitAreNotSeen() throws IOException {
        write("1/2/3/4/5/deep.jtl", jtl(1));
        write("1/2/3/4/5/6/deeper.jtl", jtl(1));

        assertThat(ResultsFolder.summarize(results, "r").files()).extracting(ResultsFile::path)
                .containsExactly("r/1/2/3/4/5/deep.jtl");
    }

    @Test
    void candidatesPastTheLimitAreReportedUnderTheFolder() throws IOException {
        for (int i = 0; i < ResultsFolder.MAX_FILES + 3; i++) {
            write(String.format("f%04d.csv", i), "no,results\n");
        }

        ResultsSummary summary = ResultsFolder.summarize(results, "results");

        assertThat(summary.skipped()).hasSize(ResultsFolder.MAX_FILES).startsWith("results/f0000.csv").endsWith("results/f0511.csv");
        assertThat(summary.unreadable()).containsExactly(
                new UnreadableFile("results", "holds 3 more results files than the 512 read (the first by path)"));
    }

    @Test
    void aMissingFolderGivesAnEmptySummaryAndHeadline() {
        ResultsSummary summary = ResultsFolder.summarize(results.resolve("absent"), "results");

        assertThat(summary.overall().count()).isZero();
        assertThat(summary.series()).isEmpty();
        assertThat(summary.files()).isEmpty();
        ResultsHeadline headline = summary.headline(List.of());
        assertThat(headline.samples()).isZero();
        assertThat(headline.latencyMs()).isEmpty();
        assertThat(headline.filesRead()).isZero();
    }

    @Test
    void theHeadlineCarriesTheOverallFiguresAndTheProblems() throws IOException {
        write("master.jtl", jtl(100));
        write("old.jtl", "<testResults/>\n");

        ResultsHeadline headline = ResultsFolder.summarize(results, "results").headline(List.of());

        assertThat(headline.samples()).isEqualTo(100);
        assertThat(headline.errors()).isEqualTo(10);
        assertThat(headline.errorRate()).isEqualTo(0.1);
        assertThat(headline.latencyMs()).containsOnlyKeys("min", "mean", "p50", "p90", "p95", "p99", "max")
                .containsEntry("min", 10.0);
        assertThat(headline.latencyMs().get("max")).isCloseTo(14.0, within(0.014));
        assertThat(headline.filesRead()).isEqualTo(1);
        assertThat(headline.unreadable()).singleElement().asString().startsWith("results/old.jtl: an XML JTL");
    }
}
