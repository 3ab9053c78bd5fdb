package io.atq.director.it;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task whose folder is full: the test still passes (SUCCEEDED), and the terminal event says which logs are missing
 * and why. The folder is a 64 KiB tmpfs (tests run as root, which ignores file permissions; a full file system is
 * what an operator actually meets), and the master prints 128 KB.
 */
class UnwritableEvidenceIT extends DirectorITSupport {
    private static final List<Path> MOUNTS = new ArrayList<>();

    @AfterAll
    static void unmount() throws Exception {
        for (Path mount : MOUNTS) {
            // Lazy: a container's bind mount may still be let go of a moment after its service was removed.
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aSucceededTaskWhoseFolderIsFullSaysItsEvidenceIsIncompleteAndWhy() throws Exception {
        TaskRequested request = demoTask(1, Map.of("MODE", "ok", "LOG_LINES", "2000"));
        Path folder = SHARED_PATH.resolve("tasks").resolve(request.taskId().value());
        Files.createDirectories(folder);
        run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.toString());
        MOUNTS.add(folder);

        publish(request);
        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), RUN_LIMIT);

        TaskPhaseChanged end = events.getLast();
        assertThat(end.phase()).as("the verdict is the master's, whatever happened to the logs").isEqualTo(Phase.SUCCEEDED);
        assertThat(end.evidence().complete()).isFalse();
        assertThat(end.evidence().problems()).anySatisfy(problem ->
                assertThat(problem).startsWith("master.log: cannot write: No space left on device"));
        assertThat(end.evidence().problems()).anySatisfy(problem ->
                assertThat(problem).startsWith("workers/worker-1.log: cannot write: No space left on device"));
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(event -> assertThat(event.evidence()).isNull());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
