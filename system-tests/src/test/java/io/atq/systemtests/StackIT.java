package io.atq.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ATQ as the Swarm stack {@code compose/dev stack up} deploys (compose/stack.yml): the app images, the broker in the
 * stack, secrets from files. A 3-worker demo task goes in through one containerised gateway's published port and is
 * followed to {@code SUCCEEDED} through the other; no container or service spec holds a token, the broker password or
 * the webhook secret; health is not on the API port; {@code compose/dev stack down} leaves nothing of the stack or
 * its tasks. Its own stack name, instance ({@code atq-test-…}, so {@code compose/dev test}'s leak check covers it),
 * state folder and shared folder, beside a developer's {@code atq-stack}.
 */
class StackIT {
    private static final Path DEV = Path.of("..", "compose", "dev").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern GATEWAY = Pattern.compile("gateway: (http://127\\.0\\.0\\.1:\\d+)");
    private static final String STACK = "atq-test-stack-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String DEMO = """
            {"name":"stack-demo","workers":{"image":"atq/demo-worker:1","replicas":3,"args":{"MODE":"node"},"port":8080},
             "master":{"image":"atq/demo-master:1","args":{"MODE":"master"}},"timeout":"PT5M"}""";

    private static Path work;

    @BeforeAll
    static void folders() throws IOException {
        work = Files.createTempDirectory("atq-stack-it-");
    }

    @AfterAll
    static void removeFolders() throws IOException, InterruptedException {
        run(List.of("rm", "-rf", "--one-file-system", work.toString()), Duration.ofMinutes(1));
    }

    @Test
    void runsATaskThroughTheContainerisedSystemWithSecretsOnlyInFilesAndLeavesNothing() throws Exception {
        Run up = dev("up", Duration.ofMinutes(8));
        try {
            assertThat(up.exit()).as(up.output()).isZero();
            List<String> gateways = gatewayUrls(up.output());
            assertThat(gateways).as(up.output()).hasSize(2);
            String token = secret("dev-token");

            String id = submit(gateways.getFirst(), token);
            JsonNode view = awaitTerminal(gateways.getLast(), token, id);
            assertThat(view.get("phase").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
            assertThat(status(gateways.getFirst(), "/actuator/health", null)).as("health on the API port").isEqualTo(404);

            assertNoSecretIn(inspect("docker", "ps", "-aq"), "container");
            assertNoSecretIn(inspect("docker", "service", "ls", "-q"), "service");
        } finally {
            Run down = dev("down", Duration.ofMinutes(4));
            assertThat(down.exit()).as(down.output()).isZero();
            assertThat(down.output()).contains("nothing of " + STACK + " or its tasks")
                    .as("the directors cleaned up their tasks").doesNotContain("the directors left task objects");
        }
        for (String kind : List.of("service", "network", "config", "secret", "volume")) {
            assertThat(docker(kind, "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK)).as(kind).isBlank();
        }
        assertThat(docker("ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + STACK)).as("containers").isBlank();
        assertThat(docker("service", "ls", "-q", "--filter", "label=atq.instance=" + STACK)).as("task services").isBlank();
        assertThat(docker("network", "ls", "-q", "--filter", "label=atq.instance=" + STACK)).as("task networks").isBlank();
    }

    /** {@code docker inspect} / {@code docker service inspect} of what the listing command finds of the stack. */
    private static String inspect(String... list) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(list));
        command.addAll(List.of("--filter", "label=com.docker.stack.namespace=" + STACK));
        List<String> ids = run(command, Duration.ofSeconds(30)).output().lines().filter(l -> !l.isBlank()).toList();
        boolean services = command.contains("service");
        // broker, director and gateway services; their containers: one each, two gateways
        assertThat(ids).as(String.join(" ", list)).hasSizeGreaterThanOrEqualTo(services ? 3 : 4);
        List<String> inspect = new ArrayList<>(services ? List.of("docker", "service", "inspect") : List.of("docker", "inspect"));
        inspect.addAll(ids);
        Run run = run(inspect, Duration.ofSeconds(30));
        assertThat(run.exit()).as(run.output()).isZero();
        return run.output();
    }

    private static void assertNoSecretIn(String json, String what) throws IOException {
        for (String name : Set.of("dev-token", "dev-token-sha256", "dev-webhook-secret", "broker-password")) {
            String value = secret(name);
            assertThat(value).hasSizeGreaterThan(16);
            assertThat(json).as(what + " inspect holds " + name).doesNotContain(value);
        }
        // The secret files are mounted, named by their target, never by their value.
        assertThat(json).as(what).contains(what.equals("service") ? "spring.rabbitmq.password" : "/run/secrets/");
    }

    private static String secret(String name) throws IOException {
        return Files.readString(work.resolve("state/secrets").resolve(name)).strip();
    }

    private static List<String> gatewayUrls(String output) {
        List<String> urls = new ArrayList<>();
        Matcher m = GATEWAY.matcher(output);
        while (m.find()) {
            urls.add(m.group(1));
        }
        return urls;
    }

    private static String submit(String gateway, String token) throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/tasks"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DEMO)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        return JSON.readTree(reply.body()).get("id").asString();
    }

    private static JsonNode awaitTerminal(String gateway, String token, String id) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode view = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/tasks/" + id))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == 200) {
                view = JSON.readTree(reply.body());
                if (Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED").contains(view.get("phase").asString())) {
                    return view;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("task " + id + " not terminal within 3 min; last view: " + view);
    }

    private static int status(String gateway, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private record Run(int exit, String output) {
    }

    private static Run dev(String command, Duration within) throws IOException, InterruptedException {
        return run(List.of("bash", DEV.toString(), "stack", command), within, Map.of(
                "ATQ_STACK_NAME", STACK,
                "ATQ_STACK_STATE", work.resolve("state").toString(),
                "ATQ_SHARED_PATH", work.resolve("shared").toString(),
                "JAVA_HOME", System.getProperty("java.home")));
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(command, Duration.ofSeconds(30)).output();
    }

    private static Run run(List<String> command, Duration within) throws IOException, InterruptedException {
        return run(command, within, Map.of());
    }

    private static Run run(List<String> command, Duration within, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("atq-stack-it-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + within + ": " + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
