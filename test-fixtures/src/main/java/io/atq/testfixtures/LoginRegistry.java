package io.atq.testfixtures;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A registry of the test's own that refuses anonymous requests: Debian's {@code docker-registry} on a free loopback port
 * (the engine treats {@code 127.0.0.0/8} as an insecure registry, so plain HTTP works), with its storage, configuration
 * and log in a temporary folder, deletes allowed, and an {@code htpasswd} login of one random user and password (bcrypt,
 * hashed by Python's {@code crypt}: the registry takes only bcrypt entries). Closing it stops the process and deletes
 * the folder, and with it everything pushed there.
 */
public final class LoginRegistry implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path folder;
    private final String address;
    private final String username;
    private final String password;
    private final Process process;

    private LoginRegistry(Path folder, String address, String username, String password, Process process) {
        this.folder = folder;
        this.address = address;
        this.username = username;
        this.password = password;
        this.process = process;
    }

    /** Starts one and waits until it answers {@code GET /v2/} with 401 (and 200 to its user). */
    public static LoginRegistry start() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("atq-login-registry-");
        String username = "it" + random();
        String password = random() + random();
        String address = "127.0.0.1:" + freePort();
        Files.writeString(folder.resolve("htpasswd"), username + ":" + bcrypt(password) + "\n");
        Files.writeString(folder.resolve("config.yml"), """
                version: 0.1
                log: {level: warn}
                storage:
                  filesystem: {rootdirectory: %s}
                  delete: {enabled: true}
                http: {addr: "%s"}
                auth:
                  htpasswd: {realm: atq-login-registry, path: %s}
                """.formatted(folder.resolve("data"), address, folder.resolve("htpasswd")));
        Process process = new ProcessBuilder("docker-registry", "serve", folder.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("registry.log").toFile()).start();
        LoginRegistry registry = new LoginRegistry(folder, address, username, password, process);
        try {
            registry.awaitLogin();
        } catch (RuntimeException | InterruptedException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** host:port, the registry part of its image references. */
    public String address() {
        return address;
    }

    /** The one user it accepts. */
    public String username() {
        return username;
    }

    /** That user's password. */
    public String password() {
        return password;
    }

    /**
     * Tags the local image {@code image} as {@code address/repository:tag} and pushes it with the registry's login.
     *
     * @return the manifest digest ({@code sha256:…}) the registry now serves for that tag
     */
    public String push(DockerClient docker, String image, String repository, String tag) throws InterruptedException {
        AuthConfig login = new AuthConfig().withUsername(username).withPassword(password).withRegistryAddress(address);
        return ImagePush.push(docker, image, address + "/" + repository, tag, login);
    }

    /** The status of {@code GET path}, with basic authentication when {@code user} is not null (-1: no answer). */
    public int status(String path, @Nullable String user, @Nullable String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + path)).GET().timeout(Duration.ofSeconds(5));
        if (user != null) {
            String pair = user + ":" + secret;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    private void awaitLogin() throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (status("/v2/", null, null) != 401) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("docker-registry on " + address + " did not answer GET /v2/ with 401 within "
                        + START_LIMIT + " (alive: " + process.isAlive() + "): " + logTail());
            }
            Thread.sleep(100);
        }
        int withLogin = status("/v2/", username, password);
        if (withLogin != 200) {
            throw new IllegalStateException("docker-registry on " + address + " answers its user with " + withLogin + ": " + logTail());
        }
    }

    private String logTail() {
        try {
            String log = Files.readString(folder.resolve("registry.log"));
            return log.substring(Math.max(0, log.length() - 2000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A bcrypt hash ({@code $2b$…}); the password goes through stdin, never a command line. */
    private static String bcrypt(String password) throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-W", "ignore", "-c",
                "import crypt, sys; print(crypt.crypt(sys.stdin.readline().strip(), crypt.mksalt(crypt.METHOD_BLOWFISH)))").start();
        try (var in = python.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String hash = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String errors = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (python.waitFor() != 0 || !hash.startsWith("$2")) {
            throw new IllegalStateException("python3 crypt gave no bcrypt hash: '" + hash + "' " + errors);
        }
        return hash;
    }

    private static int freePort() throws IOException {
        // Closed again before the registry binds it: another process could take it meanwhile, which start() then reports.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
