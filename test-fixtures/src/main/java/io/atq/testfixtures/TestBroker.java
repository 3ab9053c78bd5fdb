package io.atq.testfixtures;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One real RabbitMQ per test JVM, from the locally built image (never pulled), stopped when the JVM exits; and
 * virtual hosts on it, for a test that needs a broker of its own without starting one.
 */
public final class TestBroker {
    /** Built by {@code compose/dev} from Debian's rabbitmq-server; it exists only locally. */
    public static final DockerImageName IMAGE = DockerImageName.parse("atq/rabbitmq:3.10").asCompatibleSubstituteFor("rabbitmq");
    private static @Nullable RabbitMQContainer container;

    private TestBroker() {
    }

    /** Starts the broker on first use; later calls return the same one. */
    public static synchronized RabbitMQContainer get() {
        RabbitMQContainer broker = container;
        if (broker == null) {
            // The image exists only locally: never ask a registry.
            broker = new RabbitMQContainer(IMAGE).withImagePullPolicy(image -> false);
            broker.start();
            // Ryuk is disabled on this machine, so nothing else would remove the container.
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "stop-test-broker"));
            container = broker;
        }
        return broker;
    }

    /** Creates {@code vhost} on the shared broker, with every permission for its admin user. */
    public static void addVhost(String vhost) {
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, get().getAdminUsername(), ".*", ".*", ".*");
    }

    /** Deletes {@code vhost} and everything in it. */
    public static void deleteVhost(String vhost) {
        rabbitmqctl("delete_vhost", vhost);
    }

    private static void rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        try {
            Container.ExecResult result = get().execInContainer(command.toArray(String[]::new));
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(command + " failed: " + result.getStderr());
            }
        } catch (IOException e) {
            throw new IllegalStateException(command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
