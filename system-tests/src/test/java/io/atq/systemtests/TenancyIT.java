package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real gateway and director: a submitter sees and cancels only its own tasks, an admin all; no token, no answer. */
class TenancyIT extends SystemTestBase {
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    private AtqClient teamA;
    private AtqClient teamB;

    TenancyIT() {
        super(1);
    }

    @BeforeAll
    void clients() {
        teamA = gateway.as("team-a-token");
        teamB = gateway.as("team-b-token");
    }

    /** The 404 problem with the id taken out, to compare a foreign task's answer with an unknown id's. */
    private static String notFound(AtqClient.Reply reply, String id) {
        assertThat(reply.status()).as("answer %s", reply.body()).isEqualTo(404);
        return reply.body().replace(id, "ID");
    }

    @Test
    void anotherSubmitterCannotReadFollowListOrCancelATaskAndAnAdminCan() {
        String ofA = teamA.submit(TaskRequests.demoBody("team-a-task", 1, "master", 3));

        for (String route : List.of("/v1/tasks/%s", "/v1/tasks/%s/events", "/v1/tasks/%s/logs", "/v1/tasks/%s/results")) {
            assertThat(notFound(teamB.get(route.formatted(ofA)), ofA)).isEqualTo(notFound(teamB.get(route.formatted(UNKNOWN)), UNKNOWN));
        }
        assertThat(notFound(teamB.delete("/v1/tasks/" + ofA), ofA)).isEqualTo(notFound(teamB.delete("/v1/tasks/" + UNKNOWN), UNKNOWN));
        assertThat(ids(teamB)).doesNotContain(ofA);

        assertThat(ids(teamA)).contains(ofA);
        assertThat(ids(gateway)).contains(ofA);
        assertThat(gateway.task(ofA).get("id").asString()).isEqualTo(ofA);
        assertThat(gateway.task(ofA).get("client").asString()).as("the admin sees who submitted it").isEqualTo("team-a");

        JsonNode view = teamA.awaitTerminal(ofA);
        assertThat(view.get("phase").asString()).as("team-b's cancel did nothing").isEqualTo("SUCCEEDED");
        assertThat(view.get("cancelRequested").asBoolean()).isFalse();
        assertThat(teamA.get("/v1/tasks/" + ofA + "/logs").status()).isEqualTo(200);
        teamA.awaitCleanedUp(ofA);
    }

    @Test
    void theAdminCancelsAnotherClientsTask() {
        String ofB = teamB.submit(TaskRequests.demoBody("team-b-long", 1, "master", 120));

        assertThat(gateway.delete("/v1/tasks/" + ofB).status()).isEqualTo(202);

        assertThat(teamB.awaitTerminal(ofB).get("phase").asString()).isEqualTo("CANCELLED");
        teamB.awaitCleanedUp(ofB);
    }

    @Test
    void aRequestWithoutAValidTokenIsRefusedWith401() {
        for (AtqClient anonymous : List.of(gateway.as(null), gateway.as("wrong-token"))) {
            AtqClient.Reply reply = anonymous.post("/v1/tasks", TaskRequests.demoBody("nobody", 1));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(reply.json().get("type").asString()).isEqualTo("urn:atq:problem:unauthorized");
            assertThat(anonymous.get("/v1/tasks").status()).isEqualTo(401);
        }
        assertThat(gateway.as(null).get("/actuator/health").status()).isEqualTo(200);
    }

    private static List<String> ids(AtqClient client) {
        List<String> ids = new ArrayList<>();
        client.listAll("limit=500").forEach(task -> ids.add(task.get("id").asString()));
        return ids;
    }
}
