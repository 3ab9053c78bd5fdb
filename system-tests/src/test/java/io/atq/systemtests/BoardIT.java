package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task board in a real browser (Debian's headless chromium driven by playwright-core, see
 * {@code board-tests/board.spec.mjs}) against a real gateway, director and swarm: sign in, submit through the form and
 * watch the task succeed live, read its timeline and log, download its artifacts, cancel a long task through the
 * confirmation, see a refused field's error beside it, and see nothing of another client's; axe finds no serious
 * accessibility problem and the browser logs no error.
 */
class BoardIT extends SystemTestBase {
    private static final Path PROJECT = Path.of("board-tests").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "board-screenshots").toAbsolutePath();

    BoardIT() {
        super(1);
    }

    @Test
    void aSubmitterRunsWatchesDownloadsAndCancelsTasksInTheBrowserAndSeesNoOtherClientsTask() throws Exception {
        if (!Files.isDirectory(PROJECT.resolve("node_modules"))) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 5)).as("npm ci").isZero();
        }

        int exit = run(List.of("node", "board.spec.mjs"), Map.of(
                "ATQ_BOARD_URL", gateway.process().url("/").toString(),
                "ATQ_TOKEN", "team-a-token",
                "ATQ_OTHER_TOKEN", "team-b-token",
                "ATQ_SCREENSHOTS", SCREENSHOTS.toString()), 8);

        // Whatever the browser got to, every task it started ends and is cleaned up before the Swarm leak check.
        for (JsonNode task : gateway.listAll("limit=500")) {
            String id = task.get("id").asString();
            if (!AtqClient.TERMINAL.contains(task.get("phase").asString())) {
                gateway.delete("/v1/tasks/" + id);
            }
            gateway.awaitTerminal(id);
            gateway.awaitCleanedUp(id);
        }
        assertThat(exit).as("board.spec.mjs exit status (its output is above)").isZero();
        assertThat(SCREENSHOTS.resolve("list-390.png")).exists();
    }

    /** Runs a command in the board-tests project with the output streamed here; its exit status. */
    private static int run(List<String> command, Map<String, String> env, int minutes) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        // Never download a browser: the test drives /usr/bin/chromium.
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process process = builder.start();
        Thread pump = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(line -> System.out.println("[" + command.getFirst() + "] " + line));
            } catch (IOException e) {
                System.out.println("[" + command.getFirst() + "] output lost: " + e);
            }
        });
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            pump.join(5_000);
            throw new AssertionError(String.join(" ", command) + " did not end within " + minutes + " min");
        }
        pump.join(5_000);
        return process.exitValue();
    }
}
