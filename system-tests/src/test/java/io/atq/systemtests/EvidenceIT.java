package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Logs, follow, artifacts, a cancel's partial results and retention, through the gateway of a real system. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvidenceIT extends SystemTestBase {
    /** Short enough to watch it expire, long enough for each test to read its task's evidence right after the end. */
    private static final Duration RETENTION = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String firstTask;

    EvidenceIT() {
        super(1, "evidence: {retention: PT30S, stopGracePeriod: PT10S}", List.of("--atq.director.evidence.expire-interval=1s"));
    }

    @Test
    @Order(1)
    void afterAThreeWorkerTaskEveryRolesLogAndTheZipOfLogsAndResultsAreServed() throws IOException {
        String id = gateway.submit(TaskRequests.demoBody("evidence-3", 3));
        firstTask = id;
        assertThat(gateway.awaitTerminal(id).get("phase").asString()).isEqualTo("SUCCEEDED");

        AtqClient.Reply master = gateway.get("/v1/tasks/" + id + "/logs?role=master");
        assertThat(master.status()).isEqualTo(200);
        assertThat(master.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(master.body()).contains("summary reached=3 total=3").isEqualTo(gateway.get("/v1/tasks/" + id + "/logs").body());

        List<String> workers = gateway.get("/v1/tasks/" + id + "/logs?role=worker").body().lines().toList();
        assertThat(workers).isNotEmpty().allMatch(line -> line.matches("\\[worker-[1-3]] .*"));
        assertThat(workers).filteredOn(line -> line.contains("demo-worker: start")).hasSize(3)
                .extracting(line -> line.substring(0, 10)).containsExactly("[worker-1]", "[worker-2]", "[worker-3]");
        String second = gateway.get("/v1/tasks/" + id + "/logs?role=worker&slot=2").body();
        assertThat(second).startsWith("demo-worker: start").contains("task=" + id);

        HttpResponse<byte[]> zip = getBytes("/v1/tasks/" + id + "/artifacts");
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(zip.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment").contains("filename=\"atq-" + id + ".zip\""));
        Map<String, String> entries = unzip(zip.body());
        assertThat(entries).containsKeys("master.log", "workers/worker-1.log", "workers/worker-2.log", "workers/worker-3.log",
                "results/result.txt");
        assertThat(entries.get("results/result.txt")).contains("reached=3", "status=completed");
        assertThat(entries.get("master.log")).isEqualTo(master.body());
    }

    @Test
    @Order(2)
    void followStreamsTheMastersLogWhileItRunsAndEndsAfterTheVerdict() throws Exception {
        String id = gateway.submit(TaskRequests.demoBody("evidence-follow", 1, "master", 8));
        List<String> lines = new ArrayList<>();
        Instant loadLineAt = null;

        HttpResponse<InputStream> response = HTTP.send(request("/v1/tasks/" + id + "/logs?follow=true")
                .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (loadLineAt == null && line.contains("running the load for 8s")) {
                    loadLineAt = Instant.now();
                }
            }
        }

        JsonNode view = gateway.task(id);
        assertThat(view.get("phase").asString()).isEqualTo("SUCCEEDED");
        Instant verdictAt = Instant.parse(view.get("history").get(view.get("history").size() - 1).get("at").asString());
        assertThat(loadLineAt).as("a line arrived while the master ran").isNotNull().isBefore(verdictAt);
        assertThat(lines.getLast()).isEqualTo("summary reached=1 total=1");
        assertThat(String.join("\n", lines) + "\n").isEqualTo(gateway.get("/v1/tasks/" + id + "/logs").body());
    }

    @Test
    @Order(3)
    void aCancelledMastersPartialResultAndLogsAreKeptAndArtifactsWaitForTheEnd() throws IOException {
        String id = gateway.submit(TaskRequests.demoBody("evidence-cancel", 2, "master", 60));
        gateway.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(2));
        awaitLog(id, "running the load for 60s");
        assertThat(gateway.get("/v1/tasks/" + id + "/artifacts").status()).isEqualTo(409);
        assertThat(gateway.get("/v1/tasks/" + id + "/logs?role=worker").status()).isEqualTo(404);
        assertThat(gateway.get("/v1/tasks/" + id + "/logs?role=boss").status()).isEqualTo(400);

        assertThat(gateway.delete("/v1/tasks/" + id).status()).isEqualTo(202);
        JsonNode view = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofSeconds(60));

        assertThat(view.get("phase").asString()).isEqualTo("CANCELLED");
        assertThat(view.get("exitCode").asInt()).as("the master exited on SIGTERM").isEqualTo(143);
        Map<String, String> entries = unzip(getBytes("/v1/tasks/" + id + "/artifacts").body());
        assertThat(entries.get("results/result.txt")).contains("status=terminated");
        assertThat(entries.get("master.log")).contains("demo-master: terminated");
        assertThat(entries).containsKeys("workers/worker-1.log", "workers/worker-2.log");
        gateway.awaitCleanedUp(id);
    }

    @Test
    @Order(4)
    void afterTheRetentionTheEvidenceIsRemovedAndAnsweredGone() {
        String id = firstTask;
        Instant deadline = Instant.now().plus(RETENTION).plus(Duration.ofMinutes(2));
        while (Files.exists(system.sharedPath().resolve("tasks").resolve(id)) && Instant.now().isBefore(deadline)) {
            AppSleep.millis(500);
        }

        assertThat(system.sharedPath().resolve("tasks").resolve(id)).doesNotExist();
        AtqClient.Reply logs = gateway.get("/v1/tasks/" + id + "/logs");
        assertThat(logs.status()).isEqualTo(410);
        assertThat(logs.json().get("type").asString()).isEqualTo("urn:atq:problem:evidence-expired");
        assertThat(gateway.get("/v1/tasks/" + id + "/artifacts").status()).isEqualTo(410);
        assertThat(gateway.get("/v1/tasks/" + id).status()).as("the task itself stays known").isEqualTo(200);
    }

    private void awaitLog(String id, String text) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            AtqClient.Reply reply = gateway.get("/v1/tasks/" + id + "/logs");
            if (reply.status() == 200 && reply.body().contains(text)) {
                return;
            }
            AppSleep.millis(200);
        }
        throw new AssertionError("the log of " + id + " never contained '" + text + "'");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.process().url(path)).header("Authorization", "Bearer " + AtqClient.DEV_TOKEN).GET();
    }

    private HttpResponse<byte[]> getBytes(String path) {
        try {
            return HTTP.send(request(path).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** Sleeps without a checked exception. */
    private static final class AppSleep {
        static void millis(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
