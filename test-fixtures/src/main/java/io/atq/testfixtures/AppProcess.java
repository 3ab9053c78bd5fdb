package io.atq.testfixtures;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real application jar (gateway or director) running as a child JVM ({@code java OPTIONS -jar JAR
 * --server.port=PORT ARGS}), its output in {@code LOG_DIR/NAME.log}. Started with {@link #launch(String, Path)}; with
 * the jar's ahead-of-time cache when the build made one for exactly this jar ({@link AotCache}: {@code java OPTIONS
 * -XX:AOTCache=aot/NAME.aot -jar aot/NAME.jar …}), which starts it in about a third of the time.
 */
public final class AppProcess implements AutoCloseable {
    /** A test JVM's options: a small heap, and C1 only, which starts a Boot app sooner on two cores. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final @Nullable Path pidFile;
    private final long startedNanos;

    private AppProcess(String name, int port, Process process, Path log, @Nullable Path pidFile, long startedNanos) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        this.startedNanos = startedNanos;
    }

    /** How to start {@code jar} under {@code name} (the log's and pid file's name); {@link Launch#start()} starts it. */
    public static Launch launch(String name, Path jar) {
        return new Launch(name, jar);
    }

    /** The options of one start; defaults: a free port, {@link #TEST_JVM_OPTIONS}, logs in {@code target/app-logs}. */
    public static final class Launch {
        private final String name;
        private final Path jar;
        private int port;
        private final Map<String, String> env = new LinkedHashMap<>();
        private List<String> jvmOptions = TEST_JVM_OPTIONS;
        private final List<String> args = new ArrayList<>();
        private Path logDir = Path.of("target", "app-logs");
        private @Nullable Path pidDir;
        private boolean aotCache = true;

        private Launch(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        /** A fixed HTTP port (default: a free one). */
        public Launch port(int value) {
            this.port = value;
            return this;
        }

        /** Variables added to this JVM's environment for the child. */
        public Launch env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /** The JVM's options before {@code -jar}, replacing {@link #TEST_JVM_OPTIONS}. */
        public Launch jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** Arguments after {@code --server.port=PORT} (Spring properties such as {@code --atq.director-id=d1}). */
        public Launch args(List<String> values) {
            args.addAll(values);
            return this;
        }

        public Launch logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        /**
         * Also writes the child's pid to {@code dir/NAME.pid} (removed on {@link #close()}), so that a shell script's
         * exit trap can stop the child even when this JVM dies first.
         */
        public Launch pidDir(Path dir) {
            this.pidDir = dir;
            return this;
        }

        /** Whether to start with the jar's ahead-of-time cache when it has one (default: yes). */
        public Launch aotCache(boolean use) {
            this.aotCache = use;
            return this;
        }

        public AppProcess start() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("missing " + jar + ": build the apps first (mvn -B verify builds their jars)");
            }
            int chosen = port > 0 ? port : freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(aotCache ? AotCache.of(jar).map(AotCache::launchArgs).orElse(List.of("-jar", jar.toString()))
                    : List.of("-jar", jar.toString()));
            command.add("--server.port=" + chosen);
            command.addAll(args);
            Path log = logDir.resolve(name + ".log");
            try {
                Files.createDirectories(logDir);
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().putAll(env);
                long t0 = System.nanoTime();
                Process process = builder.start();
                Path pidFile = null;
                if (pidDir != null) {
                    Files.createDirectories(pidDir);
                    pidFile = pidDir.resolve(name + ".pid");
                    Files.writeString(pidFile, Long.toString(process.pid()));
                }
                return new AppProcess(name, chosen, process, log, pidFile, t0);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + name, e);
            }
        }
    }

    /**
     * Waits until {@code /actuator/health} says UP and returns the time from the process's start to that answer
     * (polled every 50 ms: the resolution of the benchmarks' start-up figure). Fails with the log's tail when the
     * process exits first or is not healthy within {@code timeout}.
     */
    public Duration awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(url("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was healthy:\n" + logTail());
            }
            try {
                HttpResponse<String> response = HEALTH.send(request, HttpResponse.BodyHandlers.ofString());
                if ("UP".equals(JSON.readTree(response.body()).path("status").asString())) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException | JacksonException notYet) {
                // not listening yet, or not answering JSON yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + ":\n" + logTail());
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last 60 lines of the process's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Resident set size now (VmRSS), in bytes. */
    public long residentBytes() throws IOException {
        return residentBytesOf(process.pid());
    }

    /** A Linux process's resident set size (VmRSS from {@code /proc/PID/status}), in bytes. */
    public static long residentBytesOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no clean-up, its connections just drop. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        deletePidFile();
    }

    /** SIGTERM, then SIGKILL after 20 s (as {@code compose/dev down} does). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deletePidFile();
    }

    private void deletePidFile() {
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // the shell's trap removes the folder
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sleeps for tests that poll an app's log or state; an interrupt fails the caller. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
