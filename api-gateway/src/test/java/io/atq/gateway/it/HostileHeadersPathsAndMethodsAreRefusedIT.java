package io.atq.gateway.it;

import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Hostile headers, ids in paths and methods: 415 for content the gateway will not read, 400 for an unreadable
 * Accept, 406 before anything is published, 404/405 problems for paths and methods; never a publish.
 */
class HostileHeadersPathsAndMethodsAreRefusedIT extends HostileRequestTestBase {
    private static final byte[] VALID = TaskRequests.validBody().getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", "application/json; charset=UTF-16", "*/*", "application/*"})
    void refusesAValidBodySentAsAnotherMediaType(String contentType) {
        assertRefused(http.post().uri("/v1/tasks").header(HttpHeaders.CONTENT_TYPE, contentType).bodyValue(VALID), 415, "Content-Type")
                .jsonPath("$.type").isEqualTo("urn:atq:problem:unsupported-content");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {";;;", "application/json; charset=nonsense", "json", "application/"})
    void refusesAContentTypeThatIsNoMediaType(String contentType) {
        // No body: the client would have to parse this Content-Type to encode one; the header alone is refused.
        assertRefused(http.post().uri("/v1/tasks").header(HttpHeaders.CONTENT_TYPE, contentType), 415, "Content-Type");
    }

    @Test
    void refusesACompressedBody() {
        assertRefused(post(VALID).header(HttpHeaders.CONTENT_ENCODING, "gzip"), 415, "Content-Encoding");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {";;", "application/json;q=abc", "text/html;;;q=x"})
    void refusesAnAcceptHeaderThatIsNoListOfMediaTypes(String accept) {
        assertRefused(post(VALID).header(HttpHeaders.ACCEPT, accept), 400, "Accept");
        assertRefused(http.get().uri("/v1/tasks").header(HttpHeaders.ACCEPT, accept), 400, "Accept");
    }

    @Test
    void answers406BeforePublishingForAClientThatAcceptsNoJson() {
        assertRefused(post(VALID).accept(MediaType.TEXT_HTML), 406, null);
        String id = submit();
        purgeRequests();
        assertRefused(http.delete().uri("/v1/tasks/{id}", id).accept(MediaType.TEXT_EVENT_STREAM), 406, null);
        http.get().uri("/v1/tasks/{id}", id).exchange().expectBody().jsonPath("$.cancelRequested").isEqualTo(false);
    }

    @Test
    void answersSpringsOwnRefusalsAsProblemsEvenToAnEventStreamClient() {
        assertRefused(http.get().uri("/v1/nothing-here").accept(MediaType.TEXT_EVENT_STREAM), 404, null);
        assertRefused(http.put().uri("/v1/tasks").accept(MediaType.TEXT_EVENT_STREAM), 405, null)
                .jsonPath("$.detail").isEqualTo("Supported methods: [POST, GET]");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /v1/tasks/../../etc/passwd              | 404
            GET    | /v1/tasks/%2e%2e/%2e%2e/etc/passwd      | 404
            GET    | /v1/tasks/%00                           | 404
            GET    | /v1/tasks/..%2f..%2fetc%2fpasswd/logs   | 404
            GET    | /v1/tasks/%2e%2e/logs                   | 404
            GET    | /v1/tasks/x/events                      | 404
            DELETE | /v1/tasks/%00                           | 404
            GET    | /v1/tasks/UPPER                         | 404
            GET    | /v1/tasks/LONG                          | 404
            GET    | /v1/tasks?limit=%00                     | 400
            GET    | /v1/tasks?limit=99999999999999999999    | 400
            GET    | /v1/tasks?phase=%E2%80%AEQUEUED         | 400
            PUT    | /v1/tasks                               | 405
            DELETE | /v1/tasks                               | 405
            PATCH  | /v1/tasks/UPPER                         | 405
            POST   | /v1/images                              | 405
            TRACE  | /v1/tasks                               | 405
            """)
    void answersHostilePathsAndMethodsWithProblems(String method, String path, int status) {
        String raw = path.replace("UPPER", UUID.randomUUID().toString().toUpperCase())
                .replace("LONG", "a".repeat(3_000));
        // A URI, not a template: the path must reach the gateway exactly as written, %-escapes included.
        URI uri = URI.create("http://localhost:" + port + raw);
        assertRefused(http.method(HttpMethod.valueOf(method)).uri(uri), status, status == 400 ? uri.getQuery().substring(0, 5).replace("=", "") : null);
    }
}
