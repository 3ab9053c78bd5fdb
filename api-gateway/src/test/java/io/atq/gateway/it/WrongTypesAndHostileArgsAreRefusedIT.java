package io.atq.gateway.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static io.atq.testfixtures.TaskRequests.validBodyWith;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Well-formed JSON with a wrong type or a hostile arg name or value: a 400 problem naming the field. */
class WrongTypesAndHostileArgsAreRefusedIT extends HostileRequestTestBase {
    private static final String REPLICAS = "\"replicas\": 3";
    private static final String PORT = "\"port\": 8080";
    private static final String NAME = "\"checkout-load\"";
    private static final String ARG = "\"MODE\": \"node\"";
    private static final String ARGS = "{ \"MODE\": \"node\" }";

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments(REPLICAS, "\"replicas\": \"3\"", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": 3.5", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": 3.0", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": true", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": [3]", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": { \"n\": 3 }", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": 1e40", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": 2147483648", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": -2147483649", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": -1", "workers.replicas"),
                arguments(REPLICAS, "\"replicas\": null", "workers.replicas"),
                arguments(PORT, "\"port\": \"8080\"", "workers.port"),
                arguments(PORT, "\"port\": 65536", "workers.port"),
                arguments(PORT, "\"port\": 2147483648", "workers.port"),
                arguments(NAME, "42", "name"),
                arguments(NAME, "[\"a\"]", "name"),
                arguments(NAME, "null", "name"),
                arguments(NAME, "\"" + "n".repeat(101) + "\"", "name"),
                arguments(NAME, "\"a\\u0000b\"", "name"),
                arguments(NAME, "\"\\u202egnp.exe\"", "name"),
                arguments(NAME, "\"a\\ud800\"", "name"),
                arguments("\"workers\": {", "\"workers\": \"x\", \"w\": {", "workers"),
                arguments(ARGS, "[\"MODE\"]", "workers.args"),
                arguments(ARGS, "\"MODE=node\"", "workers.args"),
                arguments(ARGS, "null", "workers.args.MODE"));
    }

    static Stream<Arguments> hostileArgs() {
        return Stream.of(
                arguments(ARG, "\"MODE\": 5", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": {}", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": null", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": [\"node\"]", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": \"a\\nb\"", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": \"a\\u0000b\"", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": \"\\u001b[31mred\"", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": \"a\\u2028b\"", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": \"a\\u202eb\"", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": \"\\udc00\"", "workers.args.MODE"),
                arguments(ARG, "\"MODE\": \"" + "v".repeat(5_000) + "\"", "workers.args.MODE"),
                arguments(ARG, ARG + ", \"A\\u0000B\": \"x\"", "workers.args.A\u0000B"),
                arguments(ARG, ARG + ", \"=\": \"x\"", "workers.args.="),
                arguments(ARG, ARG + ", \"A=B\": \"x\"", "workers.args.A=B"),
                arguments(ARG, ARG + ", \"MODE=x\": \"x\"", "workers.args.MODE=x"),
                arguments(ARG, ARG + ", \"\": \"x\"", "workers.args.\"\""),
                arguments(ARG, ARG + ", \"" + "A".repeat(300) + "\": \"x\"", "workers.args." + "A".repeat(300)),
                arguments(ARG, ARG + ", \"MODE\\n\": \"x\"", "workers.args.MODE\n"),
                arguments(ARG, ARG + ", \"\uFF2DODE\": \"x\"", "workers.args.\uFF2DODE"),
                arguments(ARG, ARG + ", \"\u041CODE\": \"x\"", "workers.args.\u041CODE"),
                arguments(ARG, ARG + ", \"REMOTES\": \"x\"", "workers.args.REMOTES"),
                arguments(ARG, ARG + ", \"LD_PRELOAD\": \"/tmp/x.so\"", "workers.args.LD_PRELOAD"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongTypes")
    void refusesAWrongTypeNamingTheField(String from, String to, String field) {
        assertRefused(post(validBodyWith(from, to).getBytes(StandardCharsets.UTF_8)), 400, field);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("hostileArgs")
    void refusesAHostileArgNamingIt(String from, String to, String field) {
        assertRefused(post(validBodyWith(from, to).getBytes(StandardCharsets.UTF_8)), 400, field);
    }
}
