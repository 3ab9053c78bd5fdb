package io.atq.gateway.it;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** DELETE publishes a confirmed CancelTask for a running task only; logs come from the shared folder. */
class CancelTaskIT extends GatewayTestBase {
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    @Autowired
    AtqConfig config;

    @Test
    void cancelsAQueuedTaskByPublishingCancelTaskOnTheLog() throws Exception {
        String id = submit();
        http.delete().uri("/v1/tasks/{id}", id).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.cancelRequested").isEqualTo(true).jsonPath("$.phase").isEqualTo("QUEUED");
        assertThat(LogStreamReader.find(m -> m instanceof CancelTask c && c.taskId().value().equals(id), Duration.ofSeconds(10)))
                .as("CancelTask on the task log").isPresent();
        http.get().uri("/v1/tasks/{id}", id).exchange().expectBody().jsonPath("$.cancelRequested").isEqualTo(true);
    }

    @Test
    void refusesToCancelAnEndedTaskWith409() {
        String id = submit();
        director.moves(id, Phase.PROVISIONING, Phase.FAILED);
        awaitPhase(id, "FAILED");
        http.delete().uri("/v1/tasks/{id}", id).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:task-ended").jsonPath("$.phase").isEqualTo("FAILED");
    }

    @Test
    void answersACancelOfAnUnknownTaskWith404() {
        http.delete().uri("/v1/tasks/{id}", UNKNOWN).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void servesTheMasterLogFromTheSharedFolder() throws Exception {
        String id = submit();
        http.get().uri("/v1/tasks/{id}/logs", id).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:log-not-found");

        Path log = config.sharedFolder().task(TaskId.parse(id)).resolve("master.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "summary = 100 in 00:00:01\nErr: 0 (0.00%)\n");
        http.get().uri("/v1/tasks/{id}/logs", id).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).isEqualTo("summary = 100 in 00:00:01\nErr: 0 (0.00%)\n");
    }

    @Test
    void neverBuildsALogPathFromSomethingThatIsNotATaskId() {
        http.get().uri("/v1/tasks/{id}/logs", "..").exchange().expectStatus().isNotFound();
        http.get().uri("/v1/tasks/{id}/logs", UNKNOWN).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:task-not-found");
    }
}
