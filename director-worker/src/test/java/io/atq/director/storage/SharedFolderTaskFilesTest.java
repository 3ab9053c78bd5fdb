package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The task folder with a results folder for the master and one per worker slot, the bind sources Swarm needs. */
class SharedFolderTaskFilesTest {
    @TempDir
    Path shared;

    @Test
    void makesTheResultsFolderAndOneFolderPerWorkerSlot() {
        TaskId id = TaskId.random();

        Path folder = files().createTaskFolder(id, 3);

        assertThat(folder).isEqualTo(shared.resolve("tasks").resolve(id.value()));
        for (String sub : new String[] {"results", "results/workers/1", "results/workers/2", "results/workers/3"}) {
            assertThat(folder.resolve(sub)).isDirectory();
        }
        assertThat(folder.resolve("results/workers/4")).doesNotExist();
    }

    @Test
    void makingItAgainKeepsWhatTheContainersWrote() throws Exception {
        TaskId id = TaskId.random();
        Path folder = files().createTaskFolder(id, 2);
        Files.writeString(folder.resolve("results/workers/2/samples.csv"), "timestamp,elapsed_ms,label,success\n");

        files().createTaskFolder(id, 2);

        assertThat(folder.resolve("results/workers/2/samples.csv")).hasContent("timestamp,elapsed_ms,label,success");
    }

    @Test
    void aLinkInPlaceOfTheWorkersFolderIsRefusedNotFollowed() throws Exception {
        TaskId id = TaskId.random();
        Path results = Files.createDirectories(shared.resolve("tasks").resolve(id.value()).resolve("results"));
        Path elsewhere = Files.createDirectories(shared.resolve("elsewhere"));
        Files.createSymbolicLink(results.resolve("workers"), elsewhere);

        assertThatThrownBy(() -> files().createTaskFolder(id, 2)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot create");
        assertThat(elsewhere).isEmptyDirectory();
    }

    private SharedFolderTaskFiles files() {
        AtqConfig config = ConfigLoader.parse("test", new StringReader("sharedPath: " + shared + "\n"
                + "images:\n  - imageName: atq/demo-master:1\n    args: []\n"));
        return new SharedFolderTaskFiles(config);
    }
}
