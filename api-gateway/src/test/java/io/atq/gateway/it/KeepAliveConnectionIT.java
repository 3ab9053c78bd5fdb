package io.atq.gateway.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends its next request as soon as it has the previous answer, on one keep-alive connection (what a CI
 * job polling or checking tasks does), gets every answer. Without {@code KeepAliveReads}, Reactor Netty 1.3.6
 * left ~0.4-0.7 % of such requests unanswered until the client timed out (reactor-netty#4361): over 5,000 requests,
 * about 25 hangs expected, so a regression fails this test all but certainly.
 */
class KeepAliveConnectionIT extends GatewayTestBase {
    private static final String UNKNOWN = "/v1/tasks/00000000-0000-4000-8000-000000000000";
    private static final int REQUESTS = 5_000;

    @Test
    void promptSequentialRequestsOnOneKeepAliveConnectionAreAllAnswered() throws Exception {
        // HTTP/1.1 and one request at a time: the JDK client keeps reusing one pooled connection.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> unanswered = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Call call = call(i);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call.path()))
                    .header("Authorization", "Bearer " + DEV_TOKEN).timeout(Duration.ofSeconds(5))
                    .method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status != call.expected()) {
                    wrong.add("#" + i + " " + call + " answered " + status);
                }
            } catch (HttpTimeoutException e) {
                unanswered.add("#" + i + " " + call.method() + " " + call.path());
            } catch (IOException e) {
                wrong.add("#" + i + " " + call + " failed: " + e);
            }
        }
        assertThat(unanswered).as("requests with no answer within 5 s").isEmpty();
        assertThat(wrong).isEmpty();
    }

    /** Answers that complete at once (404s, a short list) and the event stream's 404, in turn. */
    private static Call call(int i) {
        return switch (i % 5) {
            case 0 -> new Call("GET", UNKNOWN, 404);
            case 1 -> new Call("GET", UNKNOWN + "/events", 404);
            case 2 -> new Call("GET", UNKNOWN + "/logs", 404);
            case 3 -> new Call("DELETE", UNKNOWN, 404);
            default -> new Call("GET", "/v1/tasks?limit=5", 200);
        };
    }

    private record Call(String method, String path, int expected) {
    }
}
