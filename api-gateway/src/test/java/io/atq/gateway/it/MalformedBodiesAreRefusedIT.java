package io.atq.gateway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static io.atq.testfixtures.TaskRequests.validBody;
import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bodies that are not one well-formed UTF-8 JSON object, or too big: a 400 (413) problem, nothing published. */
class MalformedBodiesAreRefusedIT extends HostileRequestTestBase {

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                arguments("truncated in a string", utf8("{ \"name\": \"che"), "name"),
                arguments("truncated after a field", utf8(validBody().substring(0, validBody().indexOf("\"master\""))), "workers"),
                arguments("trailing garbage", utf8(validBody() + "x"), "$"),
                arguments("a second object", utf8(validBody() + "{}"), "$"),
                arguments("byte order mark", utf8("\uFEFF" + validBody()), "$"),
                arguments("UTF-16", validBody().getBytes(StandardCharsets.UTF_16), "$"),
                arguments("ISO-8859-1 byte", validBodyWith("node", "n\u00f6de").getBytes(StandardCharsets.ISO_8859_1), "$"),
                arguments("block comment", utf8("/* c */" + validBody()), "$"),
                arguments("line comment", utf8(validBodyWith("\"timeout\"", "// t\n \"timeout\"")), "master"),
                arguments("single quotes", utf8(validBody().replace('"', '\'')), "$"),
                arguments("NaN", utf8(validBodyWith("\"replicas\": 3", "\"replicas\": NaN")), "workers.replicas"),
                arguments("Infinity", utf8(validBodyWith("\"port\": 8080", "\"port\": Infinity")), "workers.port"),
                arguments("leading zero", utf8(validBodyWith("\"replicas\": 3", "\"replicas\": 03")), "workers.replicas"),
                arguments("hexadecimal", utf8(validBodyWith("\"replicas\": 3", "\"replicas\": 0x3")), "workers.replicas"),
                arguments("duplicate key", utf8(validBodyWith("\"name\": \"checkout-load\"", "\"name\": \"a\", \"name\": \"b\"")), "name"),
                arguments("duplicate arg", utf8(validBodyWith("\"MODE\": \"node\"", "\"MODE\": \"node\", \"MODE\": \"x\"")), "workers.args.MODE"),
                arguments("unquoted key", utf8(validBodyWith("\"timeout\"", "timeout")), "master"),
                arguments("trailing comma", utf8(validBodyWith("\"PT10M\" }", "\"PT10M\", }")), "timeout"),
                arguments("raw newline in a string", utf8(validBodyWith("checkout-load", "check\nout")), "name"),
                arguments("raw NUL between tokens", utf8(validBodyWith("\"timeout\"", "\u0000\"timeout\"")), "master"),
                arguments("empty", new byte[0], "$"),
                arguments("only whitespace", utf8(" \n\t "), "$"),
                arguments("null", utf8("null"), "$"),
                arguments("an array", utf8("[" + validBody() + "]"), "$"),
                arguments("a string", utf8("\"checkout-load\""), "$"),
                arguments("10,000 nested arrays", utf8(validBodyWith("\"checkout-load\"", "[".repeat(10_000) + "]".repeat(10_000))), "name[0][0]"),
                arguments("10,000 nested objects", utf8(validBodyWith("\"PT10M\"", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))), "timeout.a.a"),
                arguments("2,000-digit number", utf8(validBodyWith("\"replicas\": 3", "\"replicas\": " + "9".repeat(2_000))), "workers.replicas"),
                arguments("60 KB name", utf8(validBodyWith("checkout-load", "n".repeat(60_000))), "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void refusesTheBodyNamingWhereItBreaks(String label, byte[] body, String field) {
        assertRefused(post(body), 400, field).jsonPath("$.type").isEqualTo("urn:atq:problem:invalid-request");
    }

    @Test
    void refusesABodyOverTheLimitItDeclares() {
        assertRefused(post(utf8(validBodyWith("checkout-load", "n".repeat(70_000)))), 413, null).jsonPath("$.limit").isEqualTo(65536);
    }

    @Test
    void refusesABodyOverTheLimitItSendsInChunks() {
        // No Content-Length: the limit is only found while reading.
        Flux<DataBuffer> chunks = Flux.range(0, 40).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(utf8("x".repeat(4096))));
        assertRefused(http.post().uri("/v1/tasks").contentType(MediaType.APPLICATION_JSON).body(chunks, DataBuffer.class), 413, null)
                .jsonPath("$.type").isEqualTo("urn:atq:problem:request-too-large");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
