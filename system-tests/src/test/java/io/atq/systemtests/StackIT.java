package io.atq.systemtests;

import io.atq.systemtests.support.SseFollower;
import io.atq.systemtests.support.StackDeployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.atq.systemtests.support.StackDeployment.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ATQ as the Swarm stack {@code compose/dev stack up} deploys (compose/stack.yml): the app images, the broker in the
 * stack, secrets from files, the whitelisted images from this machine's registry. A 3-worker demo task goes in through
 * one containerised gateway's published port and is followed to {@code SUCCEEDED} through the other, its workers
 * pinned to the digest their tag named when it was provisioned (new bits pushed to the tag meanwhile change nothing); no container or service spec holds a token, the broker password or
 * the webhook secret; health is not on the API port. Then a rolling upgrade loses nothing ({@link RollingUpgrade}).
 * {@code compose/dev stack down} leaves nothing of the stack or its tasks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {
    private StackDeployment stack;
    private StackDeployment.Run up;
    private final List<String> pushed = new ArrayList<>();

    @BeforeAll
    void deploy() throws Exception {
        // Room for the upgrade's 6 tasks on the one director of this machine.
        stack = new StackDeployment(8);
        pushed.add(stack.pushTestWorker("atq/demo-worker:1"));
        up = stack.dev("up", Duration.ofMinutes(8));
    }

    @Test
    @Order(1)
    void runsATaskByRegistryDigestThroughTheContainerisedSystemWithSecretsOnlyInFiles() throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        List<String> gateways = stack.gatewayUrls();
        assertThat(gateways).as(up.output()).hasSize(2);

        String id = stack.submit(gateways.getFirst(), """
                {"name":"stack-demo","workers":{"image":"%s","replicas":3,"args":{"MODE":"node"},"port":8080},
                 "master":{"image":"%s/atq/demo-master:1","args":{"MODE":"master","DURATION":"8"}},"timeout":"PT5M"}"""
                .formatted(stack.testWorker(), StackDeployment.registry()));
        RollingUpgrade.awaitPhase(stack, id, Set.of("RUNNING"), Duration.ofMinutes(3));
        // New bits under the same tag while the task runs: its workers stay on the digest they were created with.
        pushed.add(stack.pushTestWorker("atq/demo-master:1"));
        String pinned = stack.testWorker().substring(0, stack.testWorker().lastIndexOf(':')) + "@" + pushed.getFirst();
        assertThat(docker("service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", "atq-" + id + "-workers").strip())
                .isEqualTo(pinned);
        JsonNode view = RollingUpgrade.awaitTerminal(stack, id, Duration.ofMinutes(3));
        assertThat(view.get("phase").asString()).as(view.toString()).isEqualTo("SUCCEEDED");
        assertThat(view.get("images").get("worker").asString()).isEqualTo(pinned);
        assertThat(pushed.getLast()).isNotEqualTo(pushed.getFirst());
        assertThat(stack.status(gateways.getFirst(), "/actuator/health", null)).as("health on the API port").isEqualTo(404);

        assertNoSecretIn(inspect("docker", "ps", "-aq"), "container");
        assertNoSecretIn(inspect("docker", "service", "ls", "-q"), "service");
    }

    @Test
    @Order(2)
    void upgradingTheDirectorsThenTheGatewaysWhileSixTasksRunLosesNoTaskAndNoEvent() throws Exception {
        assertThat(up.exit()).as(up.output()).isZero();
        RollingUpgrade.Outcome outcome = new RollingUpgrade(stack).run(6, 2);
        outcome.report().forEach(line -> System.out.println("[rolling-upgrade] " + line));

        assertThat(outcome.directorUpdate().exit()).as(outcome.directorUpdate().output()).isZero();
        assertThat(outcome.gatewayUpdate().exit()).as(outcome.gatewayUpdate().output()).isZero();
        assertThat(outcome.verdicts()).as("verdicts").hasSize(6).allSatisfy(v ->
                assertThat(v.get("phase").asString()).as(v.toString()).isEqualTo("SUCCEEDED"));
        assertThat(outcome.verdicts()).as("every task finished by the new director").allSatisfy(v ->
                assertThat(v.get("director").asString()).isNotIn(outcome.oldDirectors()));
        for (SseFollower.Seen seen : outcome.followers()) {
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < seen.ids().size(); i++) {
                expected.add(i);
            }
            assertThat(seen.ids()).as("event ids of %s: none missed, none twice", seen.taskId()).isEqualTo(expected);
            assertThat(seen.phases()).as("phases of %s", seen.taskId()).startsWith("QUEUED").endsWith("SUCCEEDED").hasSize(8);
        }
        assertThat(outcome.followers()).as("the followers were cut off by the gateway upgrade and came back")
                .allSatisfy(seen -> assertThat(seen.connections()).isGreaterThan(1));
        assertThat(outcome.leftTaskObjects()).as("task services and networks left").isBlank();
    }

    @AfterAll
    void down() throws Exception {
        try {
            StackDeployment.Run down = stack.dev("down", Duration.ofMinutes(4));
            assertThat(down.exit()).as(down.output()).isZero();
            assertThat(down.output()).contains("nothing of " + stack.name() + " or its tasks")
                    .as("the directors cleaned up their tasks").doesNotContain("the directors left task objects");
            for (String kind : List.of("service", "network", "config", "secret", "volume")) {
                assertThat(docker(kind, "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack.name())).as(kind).isBlank();
            }
            assertThat(docker("ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + stack.name())).as("containers").isBlank();
            assertThat(docker("service", "ls", "-q", "--filter", "label=atq.instance=" + stack.name())).as("task services").isBlank();
            assertThat(docker("network", "ls", "-q", "--filter", "label=atq.instance=" + stack.name())).as("task networks").isBlank();
        } finally {
            RollingUpgrade.removeTags(stack);
            stack.removeTestWorker(pushed);
            stack.removeFolders();
        }
    }

    /** {@code docker inspect} / {@code docker service inspect} of what the listing command finds of the stack. */
    private String inspect(String... list) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(list));
        command.addAll(List.of("--filter", "label=com.docker.stack.namespace=" + stack.name()));
        List<String> ids = StackDeployment.run(command, Duration.ofSeconds(30), java.util.Map.of()).output().lines()
                .filter(l -> !l.isBlank()).toList();
        boolean services = command.contains("service");
        // broker, director and gateway services; their containers: one each, two gateways
        assertThat(ids).as(String.join(" ", list)).hasSizeGreaterThanOrEqualTo(services ? 3 : 4);
        List<String> inspect = new ArrayList<>(services ? List.of("docker", "service", "inspect") : List.of("docker", "inspect"));
        inspect.addAll(ids);
        StackDeployment.Run run = StackDeployment.run(inspect, Duration.ofSeconds(30), java.util.Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        return run.output();
    }

    private void assertNoSecretIn(String json, String what) throws IOException {
        for (String name : Set.of("dev-token", "dev-token-sha256", "dev-webhook-secret", "broker-password")) {
            String value = stack.secret(name);
            assertThat(value).hasSizeGreaterThan(16);
            assertThat(json).as(what + " inspect holds " + name).doesNotContain(value);
        }
        // The secret files are mounted, named by their target, never by their value.
        assertThat(json).as(what).contains(what.equals("service") ? "spring.rabbitmq.password" : "/run/secrets/");
    }
}
