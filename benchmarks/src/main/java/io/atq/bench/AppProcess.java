package io.atq.bench;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One gateway or director started as a child JVM ({@code java -Xmx512m -jar …}, as {@code compose/dev up} does), with
 * its pid in {@code pids/NAME.pid} so {@code compose/dev bench}'s exit trap can stop it even if this JVM dies.
 */
final class AppProcess implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final long startedNanos;
    private final Path pidFile;
    private long healthyNanos = -1;

    private AppProcess(String name, int port, Process process, long startedNanos, Path pidFile) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
        this.pidFile = pidFile;
    }

    /** Starts {@code java -Xmx512m jvmOptions… -jar jar --server.port=port args…} with {@code env} added to this JVM's environment. */
    static AppProcess start(String name, Path jar, int port, Map<String, String> env, List<String> jvmOptions,
                            List<String> args, Path workDir)
            throws IOException {
        Files.createDirectories(workDir.resolve("pids"));
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        long t0 = System.nanoTime();
        Process process = builder.start();
        Path pidFile = workDir.resolve("pids").resolve(name + ".pid");
        Files.writeString(pidFile, Long.toString(process.pid()));
        return new AppProcess(name, port, process, t0, pidFile);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until {@code /actuator/health} reports UP; returns the time from process start to that answer. */
    Duration awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(url("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was healthy (see its log)");
            }
            try {
                HttpResponse<String> response = HEALTH.send(request, HttpResponse.BodyHandlers.ofString());
                if ("UP".equals(JSON.readTree(response.body()).path("status").asString())) {
                    healthyNanos = System.nanoTime() - startedNanos;
                    return Duration.ofNanos(healthyNanos);
                }
            } catch (IOException | tools.jackson.core.JacksonException notYet) {
                // not listening yet
            }
            // Measurement loop only: 50 ms is the resolution of the start-up figure.
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout);
    }

    /** Resident set size now (VmRSS from /proc), in bytes. */
    long residentBytes() throws IOException {
        return rssOf(process.pid());
    }

    static long rssOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    /** SIGTERM, then SIGKILL after 20 s (the same as compose/dev down). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the shell's trap removes the folder
        }
    }
}
