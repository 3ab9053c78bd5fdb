package io.atq.gateway.it;

import io.atq.gateway.hostile.HostileRequest;
import io.atq.gateway.hostile.HostileRequestGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand generated hostile requests against the running gateway over loopback, 16 in flight: no 5xx, every
 * refusal a problem, and exactly one message on the request queue per 202 (a mutation may be valid by chance).
 * Reproduce a run with {@code -Datq.hostile.seed=…}; {@code -Datq.hostile.requests=…} changes its size.
 */
class GeneratedHostileRequestsIT extends GatewayTestBase {
    private static final int REQUESTS = Integer.getInteger("atq.hostile.requests", 10_000);
    private static final long SEED = Long.getLong("atq.hostile.seed", 20_261_129L);
    private static final int IN_FLIGHT = 16;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the gateway answered to one request; {@code error} when the exchange itself failed. */
    record Answer(HostileRequest request, int status, String type, byte[] body, Throwable error) {
    }

    @BeforeEach
    @AfterEach
    void emptyRequestQueue() {
        // Requests that were valid by chance are published; nothing else may see them.
        purgeRequests();
    }

    @Test
    void everyGeneratedRequestIsAnsweredWithA4xxProblemOrAConfirmed202() {
        HostileRequestGenerator generator = new HostileRequestGenerator(SEED);
        List<HostileRequest> requests = IntStream.range(0, REQUESTS).mapToObj(i -> generator.next()).toList();
        ConnectionProvider connections = ConnectionProvider.create("hostile-requests", IN_FLIGHT);
        HttpClient http = HttpClient.create(connections)
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30));

        long started = System.nanoTime();
        List<Answer> answers = Flux.fromIterable(requests)
                .flatMap(request -> send(http, request), IN_FLIGHT)
                .collectList()
                .doFinally(signal -> connections.dispose())
                .block(Duration.ofMinutes(2));
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Answer answer : answers) {
            byStatus.merge(answer.status(), 1, Integer::sum);
            byKind.merge(answer.request().kind() + "=" + answer.status(), 1, Integer::sum);
            String problem = problemWith(answer);
            if (problem != null && wrong.size() < 10) {
                wrong.add(problem + " <- " + answer.request().describe());
            }
        }
        long accepted = byStatus.getOrDefault(202, 0);
        System.out.printf("Generated hostile requests: %d in %.1f s (seed %d, %d in flight), by status %s, by kind %s%n",
                answers.size(), seconds, SEED, IN_FLIGHT, byStatus, byKind);

        assertThat(answers).hasSize(REQUESTS);
        assertThat(wrong).as("answers that are not a 202 or a 4xx problem").isEmpty();
        assertThat(byStatus.keySet()).as("no 5xx").allMatch(status -> status < 500);
        assertThat(requestQueueDepth()).as("one message per 202, nothing for a refusal").isEqualTo(accepted);
    }

    // Reactor Netty's client rather than WebClient: WebClient parses the Content-Type it sends and refuses ";;;".
    private static Mono<Answer> send(HttpClient http, HostileRequest request) {
        // Oversized bodies alternate between a declared length and chunks, so both of the gateway's limits are hit.
        boolean declared = request.body().length <= 65_536 || request.body().length % 2 == 0;
        return http.headers(headers -> {
                    headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + DEV_TOKEN);
                    if (request.contentType() != null) {
                        headers.set(HttpHeaders.CONTENT_TYPE, request.contentType());
                    }
                    if (request.contentEncoding() != null) {
                        headers.set(HttpHeaders.CONTENT_ENCODING, request.contentEncoding());
                    }
                    if (declared) {
                        headers.set(HttpHeaders.CONTENT_LENGTH, request.body().length);
                    }
                })
                .post().uri("/v1/tasks")
                .send(ByteBufFlux.fromInbound(Mono.just(request.body())))
                .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Answer(request, response.status().code(),
                                response.responseHeaders().get(HttpHeaders.CONTENT_TYPE), bytes, null)))
                .onErrorResume(e -> Mono.just(new Answer(request, -1, null, new byte[0], e)));
    }

    /** What is wrong with an answer, or {@code null}: a 202, or a 4xx problem whose status and fields are filled. */
    private static String problemWith(Answer answer) {
        if (answer.error() != null) {
            return "exchange failed: " + answer.error();
        }
        if (answer.status() == 202) {
            return null;
        }
        if (answer.status() < 400 || answer.status() > 499) {
            return "status " + answer.status();
        }
        if (answer.type() == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(answer.type()))) {
            return answer.status() + " with Content-Type " + answer.type();
        }
        JsonNode problem = JSON.readTree(answer.body());
        if (problem.path("status").asInt() != answer.status() || problem.path("title").asString("").isEmpty()) {
            return answer.status() + " with problem " + problem;
        }
        if (answer.status() == 400 && !problem.path("errors").path(0).path("field").isString()) {
            return "400 without a field: " + problem;
        }
        return null;
    }
}
