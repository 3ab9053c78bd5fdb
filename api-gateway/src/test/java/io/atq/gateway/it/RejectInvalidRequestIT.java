package io.atq.gateway.it;

import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request: a 400 problem naming the field, and nothing published. */
class RejectInvalidRequestIT extends GatewayTestBase {

    @BeforeEach
    void emptyQueue() {
        purgeRequests();
    }

    @ParameterizedTest(name = "{2}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "atq/demo-worker:1"  | "atq/not-listed:1"         | workers.image
            "MODE": "node"       | "MODE": "node", "X": "1"   | workers.args.X
            "args": { "MODE": "master" } | "args": {}          | master.args.MODE
            "MODE": "master"     | "MODE": "m", "ATQ_X": "1"  | master.args.ATQ_X
            "MODE": "master"     | "MODE": "m", "REMOTES": "a" | master.args.REMOTES
            "MODE": "node"       | "MODE": "a\\u0007b"         | workers.args.MODE
            "replicas": 3        | "replicas": 0              | workers.replicas
            "replicas": 3        | "replicas": 11             | workers.replicas
            "replicas": 3        | "replicas": "3"            | workers.replicas
            "port": 8080         | "port": 8080, "cpus": 2    | workers.cpus
            "name": "checkout-load" | "name": "checkout-load" "x" | name
            "PT10M"              | "ten minutes"              | timeout
            "PT10M"              | "PT2H"                     | timeout
            """)
    void refusesTheRequestNamingTheFieldAndPublishesNothing(String from, String to, String field) {
        long before = requestQueueDepth();
        http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(validBodyWith(from, to))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:atq:problem:invalid-request")
                .jsonPath("$.title").isEqualTo("Invalid task request")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.instance").isEqualTo("/v1/tasks")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains(field + ": "))
                .jsonPath("$.errors[*].field").value(List.class, fields -> assertThat(fields).contains(field));
        assertThat(requestQueueDepth()).as("nothing published").isEqualTo(before);
        http.get().uri("/v1/tasks").exchange().expectBody()
                .jsonPath("$[*].name").value(List.class, names -> assertThat(names).doesNotContain("x"));
    }

    @Test
    void listsEveryProblemOfARequestInOneAnswer() {
        String body = validBodyWith("\"replicas\": 3", "\"replicas\": 0").replace("\"PT10M\"", "\"PT5H\"");
        http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0]").value(Map.class, error -> assertThat(error).containsOnlyKeys("field", "message"))
                .jsonPath("$.detail").value(String.class, d -> assertThat(d).startsWith("2 problems: "));
    }

    @Test
    void refusesABodyOverTheSizeLimitWith413() {
        String huge = TaskRequests.validBodyWith("\"checkout-load\"", "\"" + "x".repeat(70 * 1024) + "\"");
        http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.limit").isEqualTo(65536);
        assertThat(requestQueueDepth()).isZero();
    }

    @Test
    void refusesANonJsonMediaTypeWith415() {
        http.post().uri("/v1/tasks").contentType(MediaType.TEXT_PLAIN).bodyValue(TaskRequests.validBody()).exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(requestQueueDepth()).isZero();
    }

    @Test
    void answersUnknownRoutesAndMethodsWithProblems() {
        http.get().uri("/v1/nothing-here").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
        http.put().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
