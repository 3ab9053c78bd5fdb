package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.orchestration.TaskResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.atq.director.support.Thresholds.below;
import static org.assertj.core.api.Assertions.assertThat;

/** The results of a real (temporary) task folder read by the results module, the summary document written beside them. */
class SharedFolderTaskResultsTest {
    private static final String HEADER = "timestamp,elapsed_ms,label,success\n";
    @TempDir
    Path shared;
    private final TaskId id = TaskId.random();

    @Test
    void mergesTheMastersAndEveryWorkersFilesAndWritesTheDocumentNextToTheResults() throws Exception {
        Path task = new SharedFolderTaskFiles(config()).createTaskFolder(id, 2);
        Files.writeString(task.resolve("results/master.csv"), HEADER + "1796601600000,100,home,true\n");
        Files.writeString(task.resolve("results/workers/1/samples.csv"), HEADER + "1796601600100,300,home,true\n");
        Files.writeString(task.resolve("results/workers/2/samples.csv"), HEADER + "1796601600200,500,home,false\n");

        TaskResults.Summary summary = results().summarize(id, List.of(below("p95", 400)));

        assertThat(summary).isInstanceOfSatisfying(TaskResults.Measured.class, measured -> {
            ResultsHeadline headline = measured.headline();
            assertThat(headline.filesRead()).isEqualTo(3);
            assertThat(headline.samples()).isEqualTo(3);
            assertThat(headline.errors()).isEqualTo(1);
            assertThat(headline.thresholds()).singleElement().satisfies(o -> assertThat(o.passed()).isFalse());
            assertThat(measured.problems()).isEmpty();
        });
        assertThat(Files.readString(task.resolve("results-summary.json"))).contains("\"results/master.csv\"",
                "\"results/workers/1/samples.csv\"", "\"results/workers/2/samples.csv\"", "\"metric\":\"p95\"");
        try (var leftovers = Files.list(task)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("results", "results-summary.json");
        }
    }

    @Test
    void aTaskWithoutAResultsFolderIsNotMeasured() {
        assertThat(results().summarize(id, List.of())).isEqualTo(new TaskResults.NotMeasured("results: no such folder"));
    }

    @Test
    void aDocumentThatCannotBeWrittenIsAProblemAndTheFiguresStand() throws Exception {
        Path task = new SharedFolderTaskFiles(config()).createTaskFolder(id, 1);
        Files.writeString(task.resolve("results/workers/1/samples.csv"), HEADER + "1796601600100,300,home,true\n");
        // A non-empty folder in its place: the move that would replace it fails.
        Files.createDirectories(task.resolve("results-summary.json").resolve("in-the-way"));

        TaskResults.Summary summary = results().summarize(id, List.of());

        assertThat(summary).isInstanceOfSatisfying(TaskResults.Measured.class, measured -> {
            assertThat(measured.headline().samples()).isEqualTo(1);
            assertThat(measured.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("results-summary.json: cannot write: "));
        });
        try (var leftovers = Files.list(task)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("results", "results-summary.json");
        }
    }

    private SharedFolderTaskResults results() {
        return new SharedFolderTaskResults(config(), Duration.ofSeconds(30));
    }

    private AtqConfig config() {
        return ConfigLoader.parse("test", new StringReader("sharedPath: " + shared + "\n"
                + "images:\n  - imageName: atq/demo-master:1\n    args: []\n"));
    }
}
