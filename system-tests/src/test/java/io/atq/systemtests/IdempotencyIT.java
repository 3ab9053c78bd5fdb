package io.atq.systemtests;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.systemtests.support.TaskLogTap;
import io.atq.testfixtures.AtOnce;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real gateways and two real directors: one Idempotency-Key is one task and one deployment, also when the same
 * submission reaches both gateways at the same moment. Deployments are counted on the task log itself.
 */
class IdempotencyIT extends SystemTestBase {
    /** Two requests racing, each through a gateway to the broker and back. */
    private static final Duration RACE_WITHIN = Duration.ofSeconds(60);

    private AtqClient one;
    private AtqClient two;
    private TaskLogTap log;

    IdempotencyIT() {
        super(2);
    }

    @BeforeAll
    void secondGatewayAndTheLog() {
        one = gateway.as("team-a-token");
        two = system.startGateway().as("team-a-token");
        log = TaskLogTap.of(system.brokerAddress());
    }

    @AfterAll
    void closeTheLog() {
        log.close();
    }

    private static AtqClient.Reply post(AtqClient client, String key, String body) {
        return client.post("/v1/tasks", body, Map.of("Idempotency-Key", key));
    }

    private static String id(AtqClient.Reply reply) {
        assertThat(reply.status()).as("answer %s", reply.body()).isEqualTo(202);
        return reply.json().get("id").asString();
    }

    /** The task ran to SUCCEEDED exactly once: one PROVISIONING and one RUNNING on the log, all by one director. */
    private void assertDeployedOnce(String id) {
        assertThat(one.awaitTerminal(id).get("phase").asString()).isEqualTo("SUCCEEDED");
        one.awaitCleanedUp(id);
        List<TaskPhaseChanged> phases = log.of(id, TaskPhaseChanged.class);
        assertThat(phases).filteredOn(p -> p.phase() == Phase.PROVISIONING).hasSize(1);
        assertThat(phases).filteredOn(p -> p.phase() == Phase.RUNNING).hasSize(1);
        assertThat(phases).extracting(TaskPhaseChanged::director).containsOnly(phases.getFirst().director());
        System.out.printf("[idempotency] task %s: %d request(s) on the log, deployed once by %s%n",
                id, log.of(id, TaskRequested.class).size(), phases.getFirst().director());
    }

    @Test
    void theSameKeyAndRequestTwiceIsOneTaskDeployedOnce() {
        String key = "pipeline-" + UUID.randomUUID();
        String first = id(post(one, key, TaskRequests.demoBody("again", 1)));

        AtqClient.Reply again = post(two, key, TaskRequests.demoBody("again", 1));

        assertThat(id(again)).isEqualTo(first);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.raw().headers().firstValue("Location")).hasValue("/v1/tasks/" + first);
        assertDeployedOnce(first);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedWith422() {
        String key = "pipeline-" + UUID.randomUUID();
        String first = id(post(one, key, TaskRequests.demoBody("original", 1)));

        AtqClient.Reply other = post(one, key, TaskRequests.demoBody("changed", 2));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("type").asString()).isEqualTo("urn:atq:problem:idempotency-key-reused");
        assertDeployedOnce(first);
    }

    @Test
    void theSameSubmissionAtBothGatewaysAtTheSameMomentIsOneTaskDeployedOnce() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String body = TaskRequests.demoBody("race", 2);

        List<AtqClient.Reply> answers = AtOnce.run(RACE_WITHIN, () -> post(one, key, body), () -> post(two, key, body));

        assertThat(id(answers.get(0))).isEqualTo(id(answers.get(1)));
        assertDeployedOnce(id(answers.get(0)));
    }

    @Test
    void twoDifferentRequestsWithOneKeyAtTheSameMomentGiveOneTaskAndOne422() throws Exception {
        String key = "race-" + UUID.randomUUID();

        List<AtqClient.Reply> answers = AtOnce.run(RACE_WITHIN,
                () -> post(one, key, TaskRequests.demoBody("left", 1)), () -> post(two, key, TaskRequests.demoBody("right", 1)));

        assertThat(answers).extracting(AtqClient.Reply::status).containsExactlyInAnyOrder(202, 422);
        String winner = answers.stream().filter(a -> a.status() == 202).map(IdempotencyIT::id).findFirst().orElseThrow();
        assertDeployedOnce(winner);
    }
}
