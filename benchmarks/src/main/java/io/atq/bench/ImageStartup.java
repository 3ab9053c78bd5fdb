package io.atq.bench;

import io.atq.contracts.names.Labels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figure 5, inside the images: {@code docker run} of atq/gateway or atq/director (as a deployment starts them: the
 * image's own entrypoint, host network, the machine's broker in a vhost of its own, the director with the Docker
 * socket and its group) until {@code /actuator/health/readiness} answers 200, which is what the image's HEALTHCHECK
 * and so Swarm wait for. Measured with the image's ahead-of-time cache and without it ({@code JDK_JAVA_OPTIONS=
 * -XX:AOTMode=off}), against the same image's bare JVM ({@code docker run --entrypoint java IMAGE -version}: the
 * container's and a JVM's start). The containers carry the ATQ labels (instance {@code atq-bench-image}) and are
 * removed after each start.
 */
final class ImageStartup {
    static final String INSTANCE = "atq-bench-image";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** One image's medians, in milliseconds. */
    record Result(String image, double cachedMs, double uncachedMs, double bareMs) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", image);
            m.put("ready_with_aot_cache_ms", cachedMs);
            m.put("ready_without_aot_cache_ms", uncachedMs);
            m.put("bare_jvm_in_container_ms", bareMs);
            return m;
        }
    }

    private final Path config;
    private final String vhost;
    private final int port;
    private final int rounds;

    ImageStartup(Path config, String vhost, int port, int rounds) {
        this.config = config;
        this.vhost = vhost;
        this.port = port;
        this.rounds = rounds;
    }

    Result gateway() throws Exception {
        return measure("atq/gateway:latest", "gateway", List.of());
    }

    Result director() throws Exception {
        String gid = docker("run", "--rm", "--entrypoint", "stat", "--user", "0", "-v", "/var/run/docker.sock:/var/run/docker.sock",
                "atq/director:latest", "-c", "%g", "/var/run/docker.sock").strip();
        return measure("atq/director:latest", "director", List.of("-v", "/var/run/docker.sock:/var/run/docker.sock",
                "--group-add", gid, "-e", "ATQ_DIRECTORID=bench-image-director"));
    }

    private Result measure(String image, String role, List<String> extra) throws Exception {
        List<Long> cached = new ArrayList<>();
        List<Long> uncached = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Alternated, so that load drift hits both.
            cached.add(readyAfter(image, role, extra, false));
            uncached.add(readyAfter(image, role, extra, true));
            long t0 = System.nanoTime();
            docker("run", "--rm", "--network", "none", "--entrypoint", "java", image, "-version");
            bare.add(System.nanoTime() - t0);
        }
        Result result = new Result(image, Stats.of(cached).p50Ms(), Stats.of(uncached).p50Ms(), Stats.of(bare).p50Ms());
        System.out.printf("    %s: ready %s with its AOT cache, %s without; bare JVM in a container %s%n", image,
                Row.ms(result.cachedMs()), Row.ms(result.uncachedMs()), Row.ms(result.bareMs()));
        return result;
    }

    private long readyAfter(String image, String role, List<String> extra, boolean withoutCache) throws Exception {
        String name = "atq-bench-image-" + role;
        removeQuietly(name);
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "host",
                "--label", Labels.MANAGED + "=true", "--label", Labels.INSTANCE + "=" + INSTANCE,
                "--label", Labels.ROLE + "=" + role, "--label", Labels.TASK + "=none",
                "-v", config + ":/etc/atq/atq.yaml:ro", "-e", "ATQ_CONFIG=/etc/atq/atq.yaml", "-e", "ATQ_INSTANCE=" + INSTANCE,
                "-e", "SPRING_RABBITMQ_HOST=127.0.0.1", "-e", "SPRING_RABBITMQ_VIRTUAL_HOST=" + vhost,
                "-e", "SERVER_PORT=" + port, "-e", "MANAGEMENT_SERVER_PORT=" + port));
        if (withoutCache) {
            run.addAll(List.of("-e", "JDK_JAVA_OPTIONS=-XX:AOTMode=off"));
        }
        run.addAll(extra);
        run.add(image);
        long t0 = System.nanoTime();
        try {
            docker(run.toArray(String[]::new));
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(1)).build();
            long deadline = t0 + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                try {
                    if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return System.nanoTime() - t0;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException(image + " not ready within 2 min:\n" + docker("logs", "--tail", "40", name));
        } finally {
            removeQuietly(name);
        }
    }

    /** A docker CLI command's standard output; fails on a non-zero exit. */
    private static String docker(String... args) {
        return Command.run("docker", List.of(args));
    }

    /** Removes the container if there is one. */
    private static void removeQuietly(String name) {
        try {
            docker("rm", "-f", name);
        } catch (IllegalStateException gone) {
            // no such container
        }
    }
}
