package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.TestSystem;
import io.atq.testfixtures.AppProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI context on the real system (jars as processes, real broker, real swarm): labelled tasks listed by label and phase
 * a small page at a time, an {@code API_KEY} declared {@code secret} masked in views, events and both apps' logs
 * (run at DEBUG, so the chattiest lines are checked too), and the image ids each role ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CiContextIT {
    private static final List<String> DEBUG = List.of("--logging.level.io.atq=DEBUG");
    private final String run = UUID.randomUUID().toString();
    private final String secret = "sk-live-" + UUID.randomUUID();
    private final List<String> mainTasks = new ArrayList<>();
    private TestSystem system;
    private AtqClient gateway;
    private AppProcess director;

    @BeforeAll
    void startSystem() {
        system = new TestSystem();
        gateway = system.startGateway(DEBUG);
        director = system.startDirector(DEBUG);
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close(); // fails the class if any Swarm object of its instance is left
        }
    }

    @Test
    @Order(1)
    void listsLabelledTasksByLabelAndPhaseAPageAtATimeWithoutDuplicatesOrGaps() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String branch = i == 2 ? "dev" : "main";
            String id = gateway.submit(task("ci-" + i, branch, "commit-" + i));
            all.add(id);
            if (branch.equals("main")) {
                mainTasks.addFirst(id); // newest first, as the list orders them
            }
        }
        all.forEach(id -> assertThat(gateway.awaitTerminal(id).get("phase").asString()).isEqualTo("SUCCEEDED"));

        List<String> listed = ids(gateway.listAll("label=run:" + run + "&label=branch:main&phase=SUCCEEDED&limit=2"));
        assertThat(listed).doesNotHaveDuplicates().containsExactlyElementsOf(mainTasks);
        assertThat(ids(gateway.listAll("label=run:" + run + "&phase=SUCCEEDED&limit=1"))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(gateway.listAll("label=run:" + run + "&phase=RUNNING&limit=2"))).isEmpty();
        assertThat(gateway.get("/v1/tasks?label=run:").status()).isEqualTo(400);
        assertThat(gateway.get("/v1/tasks?limit=2&cursor=tampered").status()).isEqualTo(400);
    }

    @Test
    @Order(2)
    void theViewShowsLabelsSecretsMaskedAndTheImageIdsWorkerAndMasterRan() {
        JsonNode view = gateway.task(mainTasks.getFirst());

        assertThat(view.toString()).doesNotContain(secret);
        assertThat(view.get("request").get("workers").get("args").get("API_KEY").asString()).isEqualTo("***");
        assertThat(view.get("request").get("master").get("args").get("API_KEY").asString()).isEqualTo("***");
        assertThat(view.get("labels").get("run").asString()).isEqualTo(run);
        assertThat(view.get("labels").get("branch").asString()).isEqualTo("main");
        assertThat(view.get("images").get("worker").asString()).isEqualTo(imageId("atq/demo-worker:1"));
        assertThat(view.get("images").get("master").asString()).isEqualTo(imageId("atq/demo-master:1"));
    }

    @Test
    @Order(3)
    void theEventStreamNeverCarriesTheSecret() throws Exception {
        String id = mainTasks.getFirst();
        String stream = rawEvents(id);

        assertThat(stream).doesNotContain(secret).contains("\"phase\":\"SUCCEEDED\"").contains("retry:");
        assertThat(stream).contains("\"images\":{\"master\":\"" + imageId("atq/demo-master:1") + "\"");
        assertThat(gateway.followEvents(id, Duration.ofSeconds(30))).hasSize(8);
    }

    @Test
    @Order(4)
    void neitherTheGatewaysNorTheDirectorsLogContainsTheSecret() {
        mainTasks.forEach(gateway::awaitCleanedUp);
        String gatewayLog = gateway.process().logText();
        String directorLog = director.logText();

        // The logs are real and cover these tasks (else the absence below would prove nothing).
        assertThat(directorLog).contains(mainTasks.getFirst());
        assertThat(gatewayLog).contains("DEBUG").contains(mainTasks.getFirst());
        assertThat(gatewayLog).doesNotContain(secret);
        assertThat(directorLog).doesNotContain(secret);
    }

    private String task(String name, String branch, String commit) {
        return """
                { "name": "%s",
                  "workers": { "image": "atq/demo-worker:1", "replicas": 1, "args": { "MODE": "node", "API_KEY": "%s" }, "port": 8080 },
                  "master":  { "image": "atq/demo-master:1", "args": { "MODE": "master", "API_KEY": "%s" } },
                  "timeout": "PT10M",
                  "labels": { "run": "%s", "branch": "%s", "commit": "%s", "pipeline": "https://ci.example.invalid/p/%s" } }
                """.formatted(name, secret, secret, run, branch, commit, commit);
    }

    private String rawEvents(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(gateway.process().url("/v1/tasks/" + id + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + gateway.token())
                .timeout(Duration.ofSeconds(30)).GET().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    private static List<String> ids(List<JsonNode> tasks) {
        return tasks.stream().map(task -> task.get("id").asString()).toList();
    }

    private static String imageId(String image) {
        try {
            Process docker = new ProcessBuilder("docker", "image", "inspect", image, "--format", "{{.Id}}")
                    .redirectErrorStream(true).start();
            String out = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(docker.waitFor()).as("docker image inspect %s: %s", image, out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
