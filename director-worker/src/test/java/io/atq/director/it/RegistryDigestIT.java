package io.atq.director.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.testfixtures.LocalRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whitelisted image from the registry runs by the digest the registry served when its task was provisioned: the
 * Swarm service spec names {@code 127.0.0.1:5000/<repo>@sha256:…}, the task's view records it, and a push of other
 * bits to the same tag while the task runs changes only the next task. Pushes two builds of the demo worker (one label
 * apart) to a repository of its own, and deletes them from the registry and this node afterwards.
 */
class RegistryDigestIT {
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

    private final DockerClient docker = DockerClientFactory.instance().client();
    private final LocalRegistry registry = LocalRegistry.get();
    private final String repository = "atq-it-" + UUID.randomUUID().toString().substring(0, 8) + "/demo-worker";
    private final String image = registry.address() + "/" + repository;
    private final List<String> digests = new ArrayList<>();
    private final List<String> builds = new ArrayList<>();

    @TempDir
    Path context;

    @Test
    void aRunningTaskKeepsTheDigestItWasProvisionedWithAndTheNextTaskGetsTheTagsNewDigest() throws Exception {
        String first = pushBuild("1");
        try (IsolatedDirector director = new IsolatedDirector(this::whitelistTheRegistryWorker, Map.of())) {
            // Long enough for a build, a push and a second task to reach RUNNING (~4 s here) while it runs.
            TaskRequested running = task("15");
            director.publish(running);
            director.tap.awaitPhase(running.taskId(), Phase.RUNNING, PHASE_LIMIT);
            assertThat(serviceImage(running.taskId())).isEqualTo(image + "@" + first);
            assertThat(workerContainerImages(running.taskId())).containsOnly(imageIdOf(image + "@" + first));

            String second = pushBuild("2");
            // Long enough to read its service spec once it runs (a task's services are removed as soon as it ends).
            TaskRequested next = task("5");
            director.publish(next);
            director.tap.awaitPhase(next.taskId(), Phase.RUNNING, PHASE_LIMIT);

            assertThat(second).isNotEqualTo(first);
            assertThat(serviceImage(next.taskId())).isEqualTo(image + "@" + second);
            assertThat(serviceImage(running.taskId())).as("the running task's workers").isEqualTo(image + "@" + first);
            TaskPhaseChanged firstDone = director.tap.awaitTerminal(running.taskId(), PHASE_LIMIT).getLast();
            TaskPhaseChanged nextDone = director.tap.awaitTerminal(next.taskId(), PHASE_LIMIT).getLast();
            assertThat(firstDone.phase()).as(String.valueOf(firstDone.failure())).isEqualTo(Phase.SUCCEEDED);
            assertThat(nextDone.phase()).as(String.valueOf(nextDone.failure())).isEqualTo(Phase.SUCCEEDED);
            assertThat(firstDone.images()).containsEntry("worker", image + "@" + first);
            assertThat(nextDone.images()).containsEntry("worker", image + "@" + second);
            director.tap.awaitCleanedUp(running.taskId(), Duration.ofSeconds(45));
            director.tap.awaitCleanedUp(next.taskId(), Duration.ofSeconds(45));
        }
    }

    @AfterEach
    void deleteThePushedImages() {
        builds.addFirst(image + ":1");
        digests.forEach(digest -> assertThat(registry.deleteManifest(repository, digest)).as("delete " + digest).isTrue());
        for (String reference : builds) {
            try {
                docker.removeImageCmd(reference).exec();
            } catch (NotFoundException e) {
                // Removing the image's last tag removed its digest references with it.
            } catch (DockerException e) {
                System.err.println("[registry-it] could not remove " + reference + ": " + e.getMessage());
            }
        }
    }

    /** The demo worker with one label more, pushed to the test's tag; returns the digest the registry serves for it. */
    private String pushBuild(String variant) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM atq/demo-worker:1\nLABEL atq.it.variant=" + variant + "\n");
        String id = docker.buildImageCmd().withBaseDirectory(context.toFile()).withDockerfile(context.resolve("Dockerfile").toFile())
                .withPull(false).withTags(Set.of(image + ":build-" + variant))
                .exec(new BuildImageResultCallback()).awaitImageId(60, TimeUnit.SECONDS);
        builds.add(image + ":build-" + variant);
        String digest = registry.push(docker, id, repository, "1");
        digests.add(digest);
        builds.add(image + "@" + digest);
        return digest;
    }

    private String whitelistTheRegistryWorker(String yaml) {
        // images is the template's last section: a list item appended at the end joins it.
        return yaml + """
                  - imageName: %s:1
                    args:
                      - name: MODE
                        required: true
                      - name: TEST_NAME
                """.formatted(image);
    }

    private TaskRequested task(String masterSeconds) {
        return new TaskRequested(TaskId.random(),
                new TaskSpec("registry-it", new WorkerSpec(image + ":1", 2, Map.of("MODE", "ok", "TEST_NAME", "registry-it"), 8080),
                        new MasterSpec("atq/demo-master:1", Map.of("MODE", "ok", "DURATION", masterSeconds)), Duration.ofMinutes(2)),
                Instant.now());
    }

    /** The image of the task's worker service, as Swarm keeps it in the service spec. */
    private String serviceImage(TaskId taskId) {
        return docker.inspectServiceCmd(taskId.workersName()).exec().getSpec().getTaskTemplate().getContainerSpec().getImage();
    }

    private List<String> workerContainerImages(TaskId taskId) {
        return docker.listContainersCmd().withLabelFilter(Map.of(Labels.TASK, taskId.value(), Labels.ROLE, Labels.Role.WORKER.label()))
                .exec().stream().map(c -> c.getImageId()).toList();
    }

    private String imageIdOf(String reference) {
        return docker.inspectImageCmd(reference).exec().getId();
    }
}
