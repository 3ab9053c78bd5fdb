package io.atq.gateway.evidence;

import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactZipTest {
    @TempDir
    Path shared;

    @Test
    void entriesAreTheFilesPathsInsideTheTaskFolderWithSlashes() {
        Path root = shared.resolve("tasks/t");

        assertThat(ArtifactZip.entryName(root, root.resolve("results/a/b.csv"))).isEqualTo("results/a/b.csv");
        assertThat(ArtifactZip.entryName(root, root.resolve("workers/worker-2.log"))).isEqualTo("workers/worker-2.log");
        assertThatThrownBy(() -> ArtifactZip.entryName(root, shared.resolve("elsewhere")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ArtifactZip.fileName(TaskId.parse("4d1f0000-0000-4000-8000-000000000001"))).isEqualTo("atq-4d1f0000-0000-4000-8000-000000000001.zip");
    }

    @Test
    void theZipHoldsTheLogsScrubbedAndTheSummaryAndResultsAsWritten() throws IOException {
        TaskFolder folder = folder();

        Map<String, String> entries = unzip(folder);

        assertThat(entries).containsOnlyKeys("master.log", "workers/worker-1.log", "workers/worker-2.log",
                "results-summary.json", "results/result.txt", "results/sub/", "results/sub/data.csv");
        assertThat(entries.get("results-summary.json")).isEqualTo("{\"samples\":3}");
        assertThat(entries.get("master.log")).isEqualTo("start\nkey=***\n");
        assertThat(entries.get("results/result.txt")).isEqualTo("status=terminated\nkey=s3cr3t");
        assertThat(entries.get("workers/worker-2.log")).isEqualTo("w2\n");
    }

    @Test
    void linksAMasterLeftInItsResultsAreNotFollowed() throws IOException {
        TaskFolder folder = folder();
        Path secret = Files.writeString(shared.resolve("host-secret"), "do not ship");
        Files.createSymbolicLink(folder.results().resolve("leak.txt"), secret);
        Files.createSymbolicLink(folder.results().resolve("leakdir"), shared);

        Map<String, String> entries = unzip(folder);

        assertThat(entries.keySet()).noneMatch(name -> name.contains("leak"));
        assertThat(entries.values()).noneMatch(content -> content.contains("do not ship"));
    }

    private TaskFolder folder() throws IOException {
        TaskFolder folder = new TaskFolder(shared.resolve("tasks/t"));
        Files.createDirectories(folder.results().resolve("sub"));
        Files.createDirectories(folder.workers());
        Files.writeString(folder.masterLog(), "start\nkey=s3cr3t\n");
        Files.writeString(folder.workers().resolve("worker-1.log"), "w1\n");
        Files.writeString(folder.workers().resolve("worker-2.log"), "w2\n");
        Files.writeString(folder.workers().resolve("notes.txt"), "not a worker log");
        Files.writeString(folder.results().resolve("result.txt"), "status=terminated\nkey=s3cr3t");
        Files.writeString(folder.results().resolve("sub/data.csv"), "a,b\n");
        Files.writeString(folder.root().resolve("ended-at"), "2030-01-01T00:00:00Z");
        Files.writeString(folder.resultsSummary(), "{\"samples\":3}");
        return folder;
    }

    private static Map<String, String> unzip(TaskFolder folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ArtifactZip.write(folder, line -> line.replace("s3cr3t", "***"), bytes);
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
