package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancel a task that no director has taken yet, and one whose master is running. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CancellationIT extends SystemTestBase {

    CancellationIT() {
        super(0);
    }

    @Test
    @Order(1)
    void cancelWhileQueuedEndsCancelledWhenADirectorStartedLaterTakesIt() {
        String id = gateway.submit(TaskRequests.demoBody("cancel-queued", 2));
        assertThat(gateway.task(id).get("phase").asString()).isEqualTo("QUEUED");

        AtqClient.Reply cancel = gateway.delete("/v1/tasks/" + id);
        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.json().get("cancelRequested").asBoolean()).isTrue();

        system.startDirector(); // started after the cancel: it must still honour it
        JsonNode view = gateway.awaitTerminal(id);

        assertThat(view.get("phase").asString()).isEqualTo("CANCELLED");
        assertThat(view.get("history")).extracting(entry -> entry.get("phase").asString()).containsExactly("QUEUED", "CANCELLED");
        assertThat(system.leaks().isEmpty()).isTrue();
    }

    @Test
    @Order(2)
    void cancelWhileRunningStopsTheMasterAndCleansUp() {
        String id = gateway.submit(TaskRequests.demoBody("cancel-running", 2, "master", 300));
        gateway.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(2));

        assertThat(gateway.delete("/v1/tasks/" + id).status()).isEqualTo(202);
        JsonNode view = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofSeconds(60));

        assertThat(view.get("phase").asString()).isEqualTo("CANCELLED");
        assertThat(view.get("history")).extracting(entry -> entry.get("phase").asString())
                .contains("RUNNING").endsWith("CANCELLED");
        // the master ran, so its (partial) log is kept
        assertThat(gateway.get("/v1/tasks/" + id + "/logs").status()).isEqualTo(200);
        gateway.awaitCleanedUp(id);
        assertThat(system.leaks().isEmpty()).as("leaks: %s", system.leaks()).isTrue();
    }

    @Test
    @Order(3)
    void cancellingAFinishedTaskIsAConflictAndAnUnknownOneIsNotFound() {
        String id = gateway.submit(TaskRequests.demoBody("finished", 1));
        gateway.awaitTerminal(id);

        AtqClient.Reply again = gateway.delete("/v1/tasks/" + id);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(gateway.delete("/v1/tasks/00000000-0000-4000-8000-000000000000").status()).isEqualTo(404);
        gateway.awaitCleanedUp(id);
    }
}
