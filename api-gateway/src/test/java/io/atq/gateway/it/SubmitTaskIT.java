package io.atq.gateway.it;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.testfixtures.TaskRequests;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Submitting a valid task: 202 only after the broker confirmed, the command on the queue, GET answers at once. */
class SubmitTaskIT extends GatewayTestBase {

    @BeforeEach
    void emptyQueue() {
        purgeRequests();
    }

    @Test
    void acceptsAValidTaskAndAnswersWithTheQueuedView() {
        http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(TaskRequests.validBody())
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().value("Location", location -> assertThat(location).matches("/v1/tasks/[0-9a-f-]{36}"))
                .expectBody()
                .jsonPath("$.id").value(String.class, id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .jsonPath("$.name").isEqualTo("checkout-load")
                .jsonPath("$.phase").isEqualTo("QUEUED")
                .jsonPath("$.request.workers.args.MODE").isEqualTo("node")
                .jsonPath("$.request.timeout").isEqualTo("PT10M")
                .jsonPath("$.workers.replicas").isEqualTo(3)
                .jsonPath("$.history[0].phase").isEqualTo("QUEUED")
                .jsonPath("$.cancelRequested").isEqualTo(false);
    }

    @Test
    void putsTheTaskRequestedOnTheRequestQueueAsADirectorWillReadIt() {
        String id = submit();
        Message message = rabbit.receive(Topology.REQUEST_QUEUE, 5_000);
        assertThat(message).as("a TaskRequested on the request queue").isNotNull();
        assertThat(message.getMessageProperties().getType()).isEqualTo(MessageType.TASK_REQUESTED.id());
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(message.getMessageProperties().getMessageId()).isNotBlank();
        assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat((String) message.getMessageProperties().getHeader(Headers.TASK_ID)).isEqualTo(id);
        TaskRequested requested = (TaskRequested) new MessageCodec().decode(message.getMessageProperties().getType(), message.getBody());
        assertThat(requested.taskId()).isEqualTo(TaskId.parse(id));
        assertThat(requested.spec().workers().replicas()).isEqualTo(3);
        assertThat(requested.spec().timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void answersGetAtOnceAfterTheSubmit() {
        String id = submit();
        http.get().uri("/v1/tasks/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.phase").isEqualTo("QUEUED");
    }

    @Test
    void listsTasksNewestFirstFilteredByPhaseAndLimited() {
        String older = submit();
        String newer = submit();
        http.get().uri("/v1/tasks?limit=2").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].id").isEqualTo(newer).jsonPath("$.items[1].id").isEqualTo(older);
        http.get().uri("/v1/tasks?phase=QUEUED&limit=500").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].id").value(List.class, ids -> assertThat(ids).contains(older));
        http.get().uri("/v1/tasks?phase=RUNNING").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].id").value(List.class, ids -> assertThat(ids).doesNotContain(older));
    }

    @Test
    void refusesAnUnknownPhaseOrLimitNamingTheParameter() {
        http.get().uri("/v1/tasks?phase=DONE").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("phase")
                .jsonPath("$.errors[0].message").value(String.class, m -> assertThat(m).contains("QUEUED, PROVISIONING"));
        http.get().uri("/v1/tasks?limit=501").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    @Test
    void servesTheImageWhitelist() {
        http.get().uri("/v1/images").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].imageName").isEqualTo("atq/demo-worker:1")
                .jsonPath("$[0].distribution").isEqualTo("local")
                .jsonPath("$[0].args[0].name").isEqualTo("MODE")
                .jsonPath("$[0].args[0].required").isEqualTo(true)
                .jsonPath("$[1].imageName").isEqualTo("atq/demo-master:1");
    }

    @Test
    void answersAnUnknownOrMalformedIdWithA404Problem() {
        http.get().uri("/v1/tasks/{id}", "00000000-0000-4000-8000-000000000000").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:task-not-found")
                .jsonPath("$.status").isEqualTo(404);
        http.get().uri("/v1/tasks/not-a-uuid").exchange().expectStatus().isNotFound();
    }

    @Test
    void reportsHealthUpWithBrokerAndCaughtUpReadModel() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.rabbit.status").isEqualTo("UP")
                .jsonPath("$.components.readModel.status").isEqualTo("UP")
                .jsonPath("$.components.readModel.details.state").isEqualTo("caught-up"));
    }

    @Test
    void readinessForTheContainerCheckIsTheProcessAndItsReplayedReadModelButNotTheBroker() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP")
                .jsonPath("$.components.readModel.status").isEqualTo("UP")
                .jsonPath("$.components.rabbit").doesNotExist());
    }
}
