package io.atq.systemtests.support;

import io.atq.testfixtures.AppProcess;
import io.atq.testfixtures.SwarmLeaks;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A whole ATQ system for one test class: its own RabbitMQ (Testcontainers, local image), its own shared folder,
 * its own {@code atq.instance}, and real gateway and director jars started as separate processes.
 * Closing it stops the processes and the broker, then fails if any Swarm object of its instance is left.
 */
public final class TestSystem implements AutoCloseable {
    /** Built by {@code compose/dev} from Debian's rabbitmq-server; never pulled. */
    public static final String RABBIT_IMAGE = System.getProperty("atq.rabbit.image", "atq/rabbitmq:3.10");
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(2);
    private static final Path LOG_DIR = Path.of("target", "system-test-logs");

    private final String instance = "atq-test-sys-" + UUID.randomUUID().toString().substring(0, 8);
    /** The system's own broker container ({@link #withOwnBroker}); null when it uses a vhost of this machine's RabbitMQ. */
    private final @Nullable RabbitMQContainer broker;
    /** The vhost of this machine's RabbitMQ; null when the system has its own broker container. */
    private final @Nullable String hostVhost;
    /** The temporary folder of the shared folder and the configuration; removed on a clean close. */
    private final Path root;
    private final Path sharedPath;
    private final Path config;
    private final List<AppProcess> gateways = new ArrayList<>();
    private final List<AppProcess> directors = new ArrayList<>();

    public TestSystem() {
        this("");
    }

    /**
     * A system whose shared YAML gets {@code extraYaml} appended (top-level sections the template does not have, e.g.
     * {@code evidence: {retention: PT20S}}). Its broker is a fresh vhost of this machine's RabbitMQ (localhost:5672,
     * guest; the same Debian 3.10 as the image), deleted on close with everything in it: ~1 s, where a broker container
     * of its own costs ~11 s to start and stop. It also outlives a Docker engine restart.
     */
    public TestSystem(String extraYaml) {
        this(extraYaml, false);
    }

    /** A system with a broker container of its own, for a test that stops, restarts or reconfigures the broker. */
    public static TestSystem withOwnBroker(String extraYaml) {
        return new TestSystem(extraYaml, true);
    }

    private TestSystem(String extraYaml, boolean ownBroker) {
        if (ownBroker) {
            hostVhost = null;
            broker = new RabbitMQContainer(DockerImageName.parse(RABBIT_IMAGE).asCompatibleSubstituteFor("rabbitmq"));
            broker.start();
        } else {
            broker = null;
            hostVhost = instance;
            rabbitmqctl("add_vhost", hostVhost);
            rabbitmqctl("set_permissions", "-p", hostVhost, "guest", ".*", ".*", ".*");
        }
        try {
            // The configuration beside the shared folder, not in it: a test may mount a small file system there.
            root = Files.createTempDirectory("atq-system-");
            sharedPath = Files.createDirectory(root.resolve("shared"));
            config = root.resolve("atq-test.yaml");
            try (InputStream template = TestSystem.class.getResourceAsStream("/atq-system-test.yaml")) {
                String yaml = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("${sharedPath}", sharedPath.toString());
                Files.writeString(config, yaml + (extraYaml.isEmpty() ? "" : "\n" + extraYaml + "\n"));
            }
        } catch (IOException e) {
            stopBroker();
            throw new IllegalStateException(e);
        }
    }

    public String instance() {
        return instance;
    }

    public Path sharedPath() {
        return sharedPath;
    }

    /** The shared YAML configuration file the apps read. */
    public Path configFile() {
        return config;
    }

    /** The system's own broker container (only for a system {@link #withOwnBroker with its own broker}). */
    public RabbitMQContainer broker() {
        if (broker == null) {
            throw new IllegalStateException("this system uses vhost " + hostVhost + " of the machine's RabbitMQ");
        }
        return broker;
    }

    /** Where the system's broker is, as the apps are told. */
    public record BrokerAddress(String host, int port, String username, String password, String vhost) {
        /** Spring Boot's {@code SPRING_RABBITMQ_*} variables for this address. */
        public Map<String, String> environment() {
            return Map.of(
                    "SPRING_RABBITMQ_HOST", host,
                    "SPRING_RABBITMQ_PORT", String.valueOf(port),
                    "SPRING_RABBITMQ_USERNAME", username,
                    "SPRING_RABBITMQ_PASSWORD", password,
                    "SPRING_RABBITMQ_VIRTUAL_HOST", vhost);
        }
    }

    public BrokerAddress brokerAddress() {
        if (hostVhost != null) {
            return new BrokerAddress("localhost", 5672, "guest", "guest", hostVhost);
        }
        RabbitMQContainer own = broker();
        return new BrokerAddress(own.getHost(), own.getAmqpPort(), own.getAdminUsername(), own.getAdminPassword(), "/");
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(brokerAddress().environment());
        env.put("ATQ_CONFIG", config.toString());
        env.put("ATQ_INSTANCE", instance);
        return env;
    }

    /** Starts one more gateway and waits until it is healthy (its read model has replayed the task log). */
    public AtqClient startGateway() {
        return startGateway(List.of());
    }

    /** Starts one more gateway with extra Spring arguments (e.g. {@code --logging.level.io.atq=DEBUG}). */
    public AtqClient startGateway(List<String> extraArgs) {
        AppProcess gateway = launchGateway(extraArgs);
        gateway.awaitHealthy(HEALTHY_WITHIN);
        return new AtqClient(gateway);
    }

    /**
     * Starts {@code gatewayCount} gateways and {@code directorCount} directors all at once (their start-ups overlap) and
     * waits until every one is healthy; the gateways' clients, in start order.
     */
    public List<AtqClient> startAll(int gatewayCount, int directorCount, List<String> directorArgs) {
        List<AppProcess> started = new ArrayList<>();
        for (int i = 0; i < gatewayCount; i++) {
            started.add(launchGateway(List.of()));
        }
        List<AtqClient> clients = started.stream().map(AtqClient::new).toList();
        for (int i = 0; i < directorCount; i++) {
            started.add(launchDirector(directorArgs));
        }
        started.forEach(app -> app.awaitHealthy(HEALTHY_WITHIN));
        return clients;
    }

    private AppProcess launchGateway(List<String> extraArgs) {
        AppProcess gateway = AppProcess.launch("gateway-" + (gateways.size() + 1) + "-" + instance,
                        Path.of(System.getProperty("atq.gateway.jar", "../api-gateway/target/api-gateway.jar")))
                .env(environment()).args(extraArgs).logDir(LOG_DIR).start();
        gateways.add(gateway);
        return gateway;
    }

    /** Starts one more director and waits until it is healthy. */
    public AppProcess startDirector() {
        return startDirector(List.of());
    }

    /** Starts one more director with extra Spring arguments (e.g. {@code --atq.director.reaper.interval=2s}). */
    public AppProcess startDirector(List<String> extraArgs) {
        return startDirectors(1, extraArgs).getFirst();
    }

    /** Starts {@code count} more directors with the same extra arguments at once, and waits until every one is healthy. */
    public List<AppProcess> startDirectors(int count, List<String> extraArgs) {
        List<AppProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(launchDirector(extraArgs));
        }
        started.forEach(director -> director.awaitHealthy(HEALTHY_WITHIN));
        return List.copyOf(started);
    }

    private AppProcess launchDirector(List<String> extraArgs) {
        String id = "director-" + (directors.size() + 1) + "-" + instance;
        List<String> args = new ArrayList<>(List.of("--atq.director-id=" + id));
        args.addAll(extraArgs);
        AppProcess director = AppProcess.launch(id,
                        Path.of(System.getProperty("atq.director.jar", "../director-worker/target/director-worker.jar")))
                .env(environment()).args(args).logDir(LOG_DIR).start();
        directors.add(director);
        return director;
    }

    /** Every director started so far (killed ones included), oldest first. */
    public List<AppProcess> directors() {
        return List.copyOf(directors);
    }

    /** The objects of this system's instance still on the swarm. */
    public SwarmLeaks leaks() {
        return SwarmLeaks.of(DockerClientFactory.instance().client(), instance);
    }

    @Override
    public void close() {
        directors.forEach(AppProcess::close);
        gateways.forEach(AppProcess::close);
        stopBroker();
        leaks().assertNothingLeft();
        // Kept when something leaked (the evidence helps); otherwise every run would leave its folders in /tmp.
        deleteQuietly(root);
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.out.println("[test-system] cannot delete " + path + ": " + e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.out.println("[test-system] cannot delete " + folder + ": " + e);
        }
    }

    private void stopBroker() {
        if (broker != null) {
            broker.stop();
        } else if (hostVhost != null) {
            rabbitmqctl("delete_vhost", hostVhost);
        }
    }

    private static void rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run rabbitmqctl (is RabbitMQ installed on this machine?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
