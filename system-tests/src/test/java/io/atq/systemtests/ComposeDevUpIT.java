package io.atq.systemtests;

import io.atq.systemtests.support.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compose/dev up} as an operator runs it with a configuration of their own ({@code ATQ_CONFIG}): it reports
 * the apps' real health — a director that answers but cannot run tasks fails {@code up}, naming what is missing — and
 * its printed quick start does not offer the embedded configuration's dev token. Each run has its own state folder,
 * ports and instance, and the system's own vhost of the broker, so it runs beside a developer's {@code compose/dev up}.
 */
class ComposeDevUpIT {
    private static final Path DEV = Path.of("..", "compose", "dev").toAbsolutePath().normalize();
    private static TestSystem system;
    private static Path work;

    @BeforeAll
    static void startBroker() throws IOException {
        system = new TestSystem();
        work = Files.createTempDirectory("atq-dev-up-");
    }

    @AfterAll
    static void stopBroker() {
        system.close();
    }

    @Test
    void failsNamingTheMissingProbeImageWhenADirectorCannotRunTasks() throws Exception {
        Path config = config("probeImage: atq/probe:1", "probeImage: atq/never-built-probe:1");
        Path state = work.resolve("state-missing-probe");

        Run up = dev(config, state, "up");
        try {
            assertThat(up.exit()).as(up.output()).isNotZero();
            assertThat(up.output()).contains("director-1 is running but not healthy")
                    .contains("images DOWN").contains("atq/never-built-probe:1")
                    .doesNotContain("ATQ Director is up");
        } finally {
            dev(config, state, "down");
        }
    }

    @Test
    void printsATokenPlaceholderAndTheConfiguredClientsForAnOperatorsConfiguration() throws Exception {
        Path config = config("probeImage: atq/probe:1", "probeImage: atq/probe:1");
        Path state = work.resolve("state-own-config");

        Run up = dev(config, state, "up");
        try {
            assertThat(up.exit()).as(up.output()).isZero();
            assertThat(up.output()).contains("ATQ Director is up")
                    .contains("Authorization: Bearer <token>")
                    .contains("use the token of one of its clients (dev, team-a, team-b)")
                    .doesNotContain("Bearer atq-dev-token");
        } finally {
            dev(config, state, "down");
        }
    }

    /** The system's configuration with one line replaced, as an operator's own file. */
    private static Path config(String line, String replacement) throws IOException {
        String yaml = Files.readString(system.configFile());
        assertThat(yaml).contains(line);
        Path file = work.resolve("atq-" + Integer.toHexString(replacement.hashCode()) + ".yaml");
        Files.writeString(file, yaml.replace(line, replacement));
        return file;
    }

    private record Run(int exit, String output) {
    }

    private static Run dev(Path config, Path state, String command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, command + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", DEV.toString(), command))
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = new HashMap<>(Map.of(
                "ATQ_CONFIG", config.toString(),
                "ATQ_DEV_STATE", state.toString(),
                "ATQ_INSTANCE", system.instance(),
                "ATQ_GATEWAY_PORT", String.valueOf(freePort()),
                "ATQ_DIRECTOR_BASE_PORT", String.valueOf(freePort())));
        env.putAll(system.brokerAddress().environment());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("compose/dev " + command + " did not end within 4 min: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
