package io.atq.gateway.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFilesTest {
    @TempDir
    Path task;

    private TaskFolder folder() {
        return new TaskFolder(task);
    }

    @Test
    void listsEveryRegularFileUnderResultsByPathWithItsSize() throws IOException {
        Path results = Files.createDirectories(task.resolve("results/reports/html"));
        Files.writeString(task.resolve("results/summary.json"), "{}");
        Files.writeString(results.resolve("index.html"), "<html></html>");
        Files.createDirectories(task.resolve("results/empty"));
        Files.writeString(task.resolve("master.log"), "not a result\n");

        assertThat(ResultFiles.list(folder(), 100)).isEqualTo(new ResultFiles.Listing(java.util.List.of(
                new ResultFiles.ResultFile("reports/html/index.html", 13),
                new ResultFiles.ResultFile("summary.json", 2)), false));
    }

    @Test
    void skipsLinksAMasterLeftAndNeverFollowsThem() throws IOException {
        Files.createDirectories(task.resolve("results"));
        Path outside = Files.writeString(task.resolve("secret.txt"), "host file");
        Files.createSymbolicLink(task.resolve("results/looks-harmless.txt"), outside);
        Files.createSymbolicLink(task.resolve("results/a-folder"), task);
        Files.writeString(task.resolve("results/result.txt"), "reached=1");

        assertThat(ResultFiles.list(folder(), 100).files()).extracting(ResultFiles.ResultFile::path).containsExactly("result.txt");
    }

    @Test
    void aTaskWithoutResultsListsNothing() {
        assertThat(ResultFiles.list(folder(), 100)).isEqualTo(ResultFiles.Listing.EMPTY);
    }

    @Test
    void aHugeFolderIsCutAtTheMaximumAndSaysSo() throws IOException {
        Path results = Files.createDirectories(task.resolve("results"));
        for (int i = 0; i < 30; i++) {
            Files.writeString(results.resolve("part-%02d.csv".formatted(i)), "x");
        }

        ResultFiles.Listing listing = ResultFiles.list(folder(), 10);

        assertThat(listing.truncated()).isTrue();
        assertThat(listing.files()).hasSize(10).isSortedAccordingTo(java.util.Comparator.comparing(ResultFiles.ResultFile::path));
        assertThat(ResultFiles.list(folder(), 30).truncated()).isFalse();
    }
}
