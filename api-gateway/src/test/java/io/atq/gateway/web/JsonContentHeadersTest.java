package io.atq.gateway.web;

import io.atq.gateway.problems.UnsupportedContentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which Content-Type and Content-Encoding headers let a body be read as plain UTF-8 JSON. */
class JsonContentHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "application/json;charset=utf-8",
            "APPLICATION/JSON", "application/vnd.atq+json"})
    void acceptsJsonInUtf8(String contentType) {
        assertThatCode(() -> RequestBodies.requireJson(headers(HttpHeaders.CONTENT_TYPE, contentType))).doesNotThrowAnyException();
    }

    @Test
    void acceptsNoContentTypeAndTheIdentityCoding() {
        assertThatCode(() -> RequestBodies.requireJson(new HttpHeaders())).doesNotThrowAnyException();
        assertThatCode(() -> RequestBodies.requireJson(headers(HttpHeaders.CONTENT_ENCODING, "identity"))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Content-Type     | text/plain                          | 'text/plain' is not JSON
            Content-Type     | application/x-www-form-urlencoded   | is not JSON
            Content-Type     | application/xml                     | is not JSON
            Content-Type     | ;;;                                 | ';;;' is not a valid media type
            Content-Type     | application/json; charset=nonsense  | is not a valid media type
            Content-Type     | application/json; charset=UTF-16    | charset UTF-16 is not supported
            Content-Type     | application/json; charset=ISO-8859-1 | charset ISO-8859-1 is not supported
            Content-Type     | */*                                 | is a pattern, not a media type
            Content-Type     | application/*                       | is a pattern, not a media type
            Content-Encoding | gzip                                | 'gzip' is not supported
            Content-Encoding | identity, br                        | 'br' is not supported
            """)
    void refusesWhatWouldNotBeReadAsTheJsonSent(String header, String value, String problem) {
        UnsupportedContentException e = catchThrowableOfType(UnsupportedContentException.class,
                () -> RequestBodies.requireJson(headers(header, value)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getHeader()).isEqualTo(header);
        assertThat(e.getProblem()).contains(problem);
        assertThat(e.getMessage()).startsWith(header + ": ");
    }

    @Test
    void refusesTwoContentTypes() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.CONTENT_TYPE, "application/json");
        headers.add(HttpHeaders.CONTENT_TYPE, "text/plain");
        assertThat(catchThrowableOfType(UnsupportedContentException.class, () -> RequestBodies.requireJson(headers)).getProblem())
                .isEqualTo("must be given once, was given 2 times");
    }

    private static HttpHeaders headers(String name, String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(name, value);
        return headers;
    }
}
