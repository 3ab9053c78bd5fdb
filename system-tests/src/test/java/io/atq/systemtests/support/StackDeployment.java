package io.atq.systemtests.support;

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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack of its own deployed with {@code compose/dev stack up|down}: its name ({@code atq-test-stack-…}, so
 * {@code compose/dev test}'s leak check covers its instance), state folder, shared folder and configuration, beside a
 * developer's {@code atq-stack}; plus the client side: the gateways' URLs as Docker publishes them right now (a
 * gateway replaced in an upgrade comes back on another host port), the secrets, HTTP and the Docker CLI.
 * {@link #onCluster} deploys the same way with {@code compose/dev cluster up|down} on a multi-node swarm of this
 * machine instead, whose nodes' engines {@link #dockerOn} reaches.
 */
public final class StackDeployment {
    private static final Path DEV = Path.of("..", "compose", "dev").toAbsolutePath().normalize();
    private static final Path STACK_CONFIG = Path.of("..", "compose", "stack-atq.yaml").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern HOST_PORT = Pattern.compile(":(\\d+)->8080/tcp");

    /** Where {@code compose/dev cluster} keeps its nodes' engine sockets ({@code n<i>/docker.sock}). */
    public static final Path CLUSTER_RUN = Path.of("/run/atq-cluster");
    private static final Pattern CLUSTER_GATEWAY = Pattern.compile("gateway: (http://\\S+)");

    private final String name = "atq-test-stack-" + UUID.randomUUID().toString().substring(0, 6);
    private final Path work;
    /** {@code stack} (this machine's swarm) or {@code cluster} (the multi-node swarm of compose/dev cluster). */
    private final String kind;
    /** On a cluster: the gateways {@code cluster up} printed (they stay on their nodes and ports). */
    private List<String> clusterGateways = List.of();

    /**
     * The stack's configuration with {@code maxTasksPerDirector}, whitelisting also this test's own worker repository
     * ({@link #testWorker()}), to which the test may push what it likes.
     *
     * @param maxTasksPerDirector the configuration's {@code capacity.maxTasksPerDirector}
     */
    public StackDeployment(int maxTasksPerDirector) throws IOException {
        this("stack", maxTasksPerDirector);
    }

    /** A stack deployed with {@code compose/dev cluster up|down} on the multi-node swarm that command creates. */
    public static StackDeployment onCluster(int maxTasksPerDirector) throws IOException {
        return new StackDeployment("cluster", maxTasksPerDirector);
    }

    private StackDeployment(String kind, int maxTasksPerDirector) throws IOException {
        this.kind = kind;
        work = Files.createTempDirectory("atq-stack-it-");
        Files.writeString(work.resolve("atq.yaml"), Files.readString(STACK_CONFIG)
                .replaceFirst("maxTasksPerDirector: *\\d+", "maxTasksPerDirector: " + maxTasksPerDirector)
                .replaceFirst("\nimages:\n", "\nimages:\n  - imageName: " + testWorker() + "\n    args:\n      - name: MODE\n        required: true\n"));
    }

    /** The registry the stack's images come from. */
    public static String registry() {
        return System.getenv().getOrDefault("ATQ_REGISTRY_ADDR", "127.0.0.1:5000");
    }

    /** This test's own worker repository and tag in the registry ({@code <registry>/<stack name>/demo-worker:1}). */
    public String testWorker() {
        return registry() + "/" + name + "/demo-worker:1";
    }

    /** Pushes the local {@code image}'s bits as {@link #testWorker()}; the digest the registry now serves for the tag. */
    public String pushTestWorker(String image) throws IOException, InterruptedException {
        docker("tag", image, testWorker());
        Run push = run(List.of("docker", "push", testWorker()), Duration.ofMinutes(2), Map.of());
        Matcher digest = Pattern.compile("digest: (sha256:[0-9a-f]{64})").matcher(push.output());
        if (push.exit() != 0 || !digest.find()) {
            throw new AssertionError("docker push " + testWorker() + ": " + push.output());
        }
        return digest.group(1);
    }

    /** Deletes the test's worker repository's manifests from the registry and its local tag. */
    public void removeTestWorker(List<String> digests) throws IOException, InterruptedException {
        String repository = testWorker().substring(registry().length() + 1, testWorker().lastIndexOf(':'));
        for (String digest : digests) {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry() + "/v2/" + repository + "/manifests/" + digest))
                    .DELETE().timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        }
        docker("rmi", testWorker());
    }

    public String name() {
        return name;
    }

    /** The result of a command: its exit code and its output (stdout and stderr). */
    public record Run(int exit, String output) {
    }

    /** {@code compose/dev stack <command>} (or {@code cluster <command> [args]}) for this stack. */
    public Run dev(String command, Duration within, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("bash", DEV.toString(), kind, command));
        line.addAll(List.of(args));
        Run result = run(line, within, Map.of(
                "ATQ_STACK_NAME", name,
                "ATQ_STACK_STATE", work.resolve("state").toString(),
                "ATQ_SHARED_PATH", work.resolve("shared").toString(),
                "ATQ_STACK_CONFIG", work.resolve("atq.yaml").toString(),
                "JAVA_HOME", System.getProperty("java.home")));
        if (kind.equals("cluster") && (command.equals("up") || command.equals("status"))) {
            List<String> urls = new ArrayList<>();
            Matcher m = CLUSTER_GATEWAY.matcher(result.output());
            while (m.find()) {
                urls.add(m.group(1));
            }
            clusterGateways = List.copyOf(urls);
        }
        return result;
    }

    /**
     * The cluster's gateways as they are now ({@code compose/dev cluster status}): a lost node's gateway is replaced on
     * another node, on another port. {@link #gatewayUrls()} answers these from now on.
     */
    public List<String> refreshClusterGateways() throws IOException, InterruptedException {
        dev("status", Duration.ofMinutes(1));
        return clusterGateways;
    }

    /**
     * Waits until the cluster has {@code count} gateways again (a lost node's gateway is replaced on another node, and
     * answers once it has started) and answers them from now on.
     */
    public List<String> awaitClusterGateways(int count, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (refreshClusterGateways().size() < count) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError(count + " gateways not healthy within " + within + ": " + clusterGateways);
            }
            Thread.sleep(1000);
        }
        return clusterGateways;
    }

    /** Removes the work folder (state, secrets, shared folder). */
    public void removeFolders() throws IOException, InterruptedException {
        run(List.of("rm", "-rf", "--one-file-system", work.toString()), Duration.ofMinutes(1), Map.of());
    }

    /** A secret file of the stack's state folder ({@code dev-token}, {@code broker-password}, …). */
    public String secret(String file) throws IOException {
        return Files.readString(work.resolve("state/secrets").resolve(file)).strip();
    }

    /** The bearer token of the dev client. */
    public String token() throws IOException {
        return secret("dev-token");
    }

    /** {@code http://127.0.0.1:PORT} of every running gateway container of the stack now, healthy ones first. */
    public List<String> gatewayUrls() throws IOException, InterruptedException {
        if (kind.equals("cluster")) {
            return clusterGateways;
        }
        // A port is listed twice (0.0.0.0 and ::): once is enough.
        Set<String> urls = new LinkedHashSet<>();
        for (String health : List.of("healthy", "starting")) {
            Matcher m = HOST_PORT.matcher(docker("ps", "--filter", "label=com.docker.swarm.service.name=" + name + "_gateway",
                    "--filter", "health=" + health, "--format", "{{.Ports}}"));
            while (m.find()) {
                urls.add("http://127.0.0.1:" + m.group(1));
            }
        }
        return List.copyOf(urls);
    }

    /** POSTs a task request through {@code gateway}; its id. */
    public String submit(String gateway, String body) throws IOException, InterruptedException {
        HttpResponse<String> reply = post(gateway, body);
        if (reply.statusCode() != 202) {
            throw new AssertionError("submit: HTTP " + reply.statusCode() + " " + reply.body());
        }
        return JSON.readTree(reply.body()).get("id").asString();
    }

    /** POSTs a task request through {@code gateway}: the gateway's answer, whatever it is. */
    public HttpResponse<String> post(String gateway, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/tasks"))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The task's view through {@code gateway}; null when the gateway does not answer 200. */
    public JsonNode view(String gateway, String id) throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/tasks/" + id))
                .header("Authorization", "Bearer " + token()).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return reply.statusCode() == 200 ? JSON.readTree(reply.body()) : null;
    }

    /** The status code of a GET, with the token when not null. */
    public int status(String gateway, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A Docker CLI command's output (whatever its exit code). */
    public static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(command, Duration.ofSeconds(30), Map.of()).output();
    }

    /** The nodes of the cluster of {@code compose/dev cluster up} (1, 2, …), by their engine sockets. */
    public static List<Integer> clusterNodes() throws IOException {
        if (!Files.isDirectory(CLUSTER_RUN)) {
            return List.of();
        }
        try (var dirs = Files.list(CLUSTER_RUN)) {
            return dirs.filter(d -> d.getFileName().toString().matches("n\\d+") && Files.exists(d.resolve("docker.sock")))
                    .map(d -> Integer.parseInt(d.getFileName().toString().substring(1))).sorted().toList();
        }
    }

    /** A Docker CLI command's output (whatever its exit code) on node {@code node} of the cluster. */
    public static String dockerOn(int node, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "-H", "unix://" + CLUSTER_RUN.resolve("n" + node + "/docker.sock")));
        command.addAll(List.of(args));
        return run(command, Duration.ofSeconds(30), Map.of()).output();
    }

    /** Runs a command to its end (or fails after {@code within}). */
    public static Run run(List<String> command, Duration within, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("atq-stack-it-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(new HashMap<>(env));
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
