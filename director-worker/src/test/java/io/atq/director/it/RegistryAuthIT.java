package io.atq.director.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.testfixtures.LoginRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code registryAuth} against a registry that refuses anonymous pulls ({@link LoginRegistry}): with the right password
 * the director resolves the tag and the node pulls the digest with the login; with a wrong one the task fails naming
 * the registry, the user and the image, and nothing is left. The pushed image's local references are removed before
 * each task, so the node must pull (an image the engine holds by that digest is not pulled again).
 */
class RegistryAuthIT {
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

    private final DockerClient docker = DockerClientFactory.instance().client();
    private LoginRegistry registry;
    private String image;
    private String digest;

    @TempDir
    Path secrets;

    @BeforeEach
    void pushTheDemoWorkerAndForgetItLocally() throws Exception {
        registry = LoginRegistry.start();
        assertThat(registry.status("/v2/", null, null)).as("anonymous").isEqualTo(401);
        image = registry.address() + "/atq-it/demo-worker";
        digest = registry.push(docker, "atq/demo-worker:1", "atq-it/demo-worker", "1");
        // Untagging the last tag of the repository drops its digest reference too; the layers stay (atq/demo-worker:1).
        docker.removeImageCmd(image + ":1").exec();
        assertThatThrownBy(() -> docker.inspectImageCmd(image + "@" + digest).exec()).isInstanceOf(NotFoundException.class);
    }

    @AfterEach
    void stopTheRegistryAndForgetWhatWasPulled() {
        if (registry == null) {
            return; // it did not start
        }
        try {
            docker.removeImageCmd(image + "@" + digest).exec();
        } catch (NotFoundException e) {
            // Not pulled (the refused login) or already removed.
        } finally {
            registry.close();
        }
    }

    @Test
    void theNodePullsTheWhitelistedTagByDigestWithTheConfiguredLogin() throws Exception {
        try (IsolatedDirector director = new IsolatedDirector(yaml -> withLogin(yaml, image + ":1", registry.password()), Map.of())) {
            TaskRequested task = task(image + ":1");
            director.publish(task);
            TaskPhaseChanged provisioning = director.tap.awaitPhase(task.taskId(), Phase.PROVISIONING, PHASE_LIMIT);
            TaskPhaseChanged running = director.tap.awaitPhase(task.taskId(), Phase.RUNNING, PHASE_LIMIT);
            System.out.println("[registry-auth-it] PROVISIONING -> RUNNING with a pull: "
                    + Duration.between(provisioning.at(), running.at()).toMillis() + " ms");

            String pinned = image + "@" + digest;
            var service = docker.inspectServiceCmd(task.taskId().workersName()).exec();
            assertThat(service.getSpec().getTaskTemplate().getContainerSpec().getImage()).isEqualTo(pinned);
            assertThat(new ObjectMapper().writeValueAsString(service)).as("the service as Docker shows it")
                    .doesNotContain(registry.password());
            String pulled = docker.inspectImageCmd(pinned).exec().getId();
            assertThat(workerContainerImages(task.taskId())).hasSize(2).containsOnly(pulled);

            TaskPhaseChanged done = director.tap.awaitTerminal(task.taskId(), PHASE_LIMIT).getLast();
            assertThat(done.phase()).as(String.valueOf(done.failure())).isEqualTo(Phase.SUCCEEDED);
            assertThat(done.images()).containsEntry("worker", pinned);
            assertThat(director.tap.all(task.taskId()).toString()).doesNotContain(registry.password());
            director.tap.awaitCleanedUp(task.taskId(), Duration.ofSeconds(45));
        }
    }

    @Test
    void aWrongPasswordFailsTheTaskNamingTheRegistryAndTheLoginAndLeavesNothing() throws Exception {
        String wrong = "wrong-" + registry.password();
        try (IsolatedDirector director = new IsolatedDirector(yaml -> withLogin(yaml, image + ":1", wrong), Map.of())) {
            TaskRequested task = task(image + ":1");
            director.publish(task);
            List<TaskPhaseChanged> phases = director.tap.awaitTerminal(task.taskId(), PHASE_LIMIT);

            TaskPhaseChanged failed = phases.getLast();
            assertThat(failed.phase()).isEqualTo(Phase.FAILED);
            assertThat(failed.failure().message()).contains(image + ":1", "registry " + registry.address(),
                    "refused the login of user '" + registry.username() + "'", "unauthorized");
            System.out.println("[registry-auth-it] wrong password: " + failed.failure().message());
            assertThat(director.tap.all(task.taskId()).toString()).doesNotContain(wrong).doesNotContain(registry.password());
            assertThatThrownBy(() -> docker.inspectImageCmd(image + "@" + digest).exec()).as("nothing pulled")
                    .isInstanceOf(NotFoundException.class);
            director.tap.awaitCleanedUp(task.taskId(), Duration.ofSeconds(45));
        }
    }

    @Test
    void aRefusedPullOfAPinnedDigestSaysTheNodeCouldNotPullItWithTheLogin() throws Exception {
        String wrong = "wrong-" + registry.password();
        // A request may name a digest only when the whitelist pins that digest; the director then asks the registry
        // nothing, and the nodes' pull is the first to meet the login.
        String pinned = image + ":1@" + digest;
        try (IsolatedDirector director = new IsolatedDirector(yaml -> withLogin(yaml, pinned, wrong), Map.of())) {
            TaskRequested task = task(pinned);
            director.publish(task);
            TaskPhaseChanged failed = director.tap.awaitTerminal(task.taskId(), PHASE_LIMIT).getLast();

            assertThat(failed.phase()).isEqualTo(Phase.FAILED);
            System.out.println("[registry-auth-it] refused pull: " + failed.failure().message());
            assertThat(failed.failure().message()).contains(image + "@" + digest, "could not pull it from registry " + registry.address(),
                    "as user '" + registry.username() + "'");
            assertThat(director.tap.all(task.taskId()).toString()).doesNotContain(wrong).doesNotContain(registry.password());
            director.tap.awaitCleanedUp(task.taskId(), Duration.ofSeconds(45));
        }
    }

    /** {@code whitelisted} (the registry worker) in the whitelist, and a top-level login whose password file holds {@code password}. */
    private String withLogin(String yaml, String whitelisted, String password) {
        try {
            Path file = Files.writeString(secrets.resolve("registry-password"), password + "\n");
            // images is the template's last section: a list item appended at the end joins it; a key at column 0 ends it.
            return yaml + """
                      - imageName: %s
                        args:
                          - name: MODE
                            required: true
                          - name: TEST_NAME
                    registryAuth: {username: %s, passwordFile: %s}
                    """.formatted(whitelisted, registry.username(), file.toAbsolutePath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TaskRequested task(String workerImage) {
        return new TaskRequested(TaskId.random(),
                new TaskSpec("registry-auth-it", new WorkerSpec(workerImage, 2, Map.of("MODE", "ok", "TEST_NAME", "registry-auth-it"), 8080),
                        new MasterSpec("atq/demo-master:1", Map.of("MODE", "ok", "DURATION", "5")), Duration.ofMinutes(2)),
                Instant.now());
    }

    private List<String> workerContainerImages(TaskId taskId) {
        return docker.listContainersCmd().withLabelFilter(Map.of(Labels.TASK, taskId.value(), Labels.ROLE, Labels.Role.WORKER.label()))
                .exec().stream().map(c -> c.getImageId()).toList();
    }
}
