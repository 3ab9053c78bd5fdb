package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.TestSystem;
import io.atq.testfixtures.AppProcess;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared folder fills up while a task runs: the task still gets its verdict and its view says its evidence is
 * incomplete and why; both apps' health says the folder is full; the director takes no new task (it waits QUEUED,
 * saying why) until space is back, then runs it. The shared folder is a 48 MiB tmpfs (root only, as CI runs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedFolderFullIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestSystem system;
    private AtqClient gateway;
    private AppProcess director;

    @BeforeAll
    void startOnASmallSharedFolder() throws Exception {
        system = new TestSystem("evidence: {minFreeSpace: 16m}");
        run("mount", "-t", "tmpfs", "-o", "size=48m", "atq-test-shared", system.sharedPath().toString());
        gateway = system.startGateway();
        director = system.startDirector();
    }

    @AfterAll
    void stopAndUnmount() throws Exception {
        try {
            system.close();
        } finally {
            run("umount", "-l", system.sharedPath().toString());
        }
    }

    @Test
    void aFolderThatFillsUpIsReportedAndPausesIntakeUntilSpaceIsBack() throws Exception {
        assertThat(health(director.url("/actuator/health")).at("/components/sharedFolder/status").asString()).isEqualTo("UP");

        String running = gateway.submit(TaskRequests.demoBody("fills-up", 2, "master", 6));
        gateway.awaitPhase(running, Set.of("RUNNING"), Duration.ofSeconds(60));
        Path fill = fill();

        JsonNode ended = gateway.awaitTerminal(running);
        assertThat(ended.get("phase").asString()).isEqualTo("SUCCEEDED");
        assertThat(ended.at("/evidence/complete").asBoolean(true)).as("evidence.complete of %s", ended).isFalse();
        assertThat(ended.at("/evidence/problems").toString()).contains("No space left on device");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(health(director.url("/actuator/health")).at("/components/sharedFolder/details/problem").asString())
                    .contains("is full");
            assertThat(health(gateway.process().url("/actuator/health")).at("/components/sharedFolder/status").asString())
                    .isEqualTo("DOWN");
        });

        String waiting = gateway.submit(TaskRequests.demoBody("waits-for-space", 2));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(gateway.task(waiting).path("queuedReason").asString()).contains("is full"));
        Thread.sleep(6_000);
        assertThat(gateway.task(waiting).get("phase").asString()).as("no director takes a task it cannot keep evidence of")
                .isEqualTo("QUEUED");

        Files.delete(fill);
        JsonNode resumed = gateway.awaitTerminal(waiting);
        assertThat(resumed.get("phase").asString()).isEqualTo("SUCCEEDED");
        assertThat(resumed.at("/evidence/complete").asBoolean(false)).isTrue();
        gateway.awaitCleanedUp(running);
        gateway.awaitCleanedUp(waiting);
    }

    /** Writes zeros into the shared folder until the file system refuses more; returns the file. */
    private Path fill() throws IOException {
        Path file = system.sharedPath().resolve("filler.bin");
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 64; i++) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // Expected: "No space left on device".
        }
        assertThat(Files.getFileStore(system.sharedPath()).getUsableSpace()).isLessThan(1 << 20);
        return file;
    }

    private static JsonNode health(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
