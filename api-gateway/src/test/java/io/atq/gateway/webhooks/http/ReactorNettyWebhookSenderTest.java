package io.atq.gateway.webhooks.http;

import com.sun.net.httpserver.HttpServer;
import io.atq.gateway.webhooks.IpLiterals;
import io.atq.gateway.webhooks.WebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP adapter against a loopback server: pinned address, headers and body, no redirects, timeouts. */
class ReactorNettyWebhookSenderTest {
    private static final InetAddress LOOPBACK = IpLiterals.parse("127.0.0.1").orElseThrow();

    private final ReactorNettyWebhookSender sender = new ReactorNettyWebhookSender();
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/ok", exchange -> {
            received.put("host", exchange.getRequestHeaders().getFirst("Host"));
            received.put("webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"));
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/target");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/target", exchange -> {
            redirectTargetHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    @Test
    void aNameIsConnectedToTheCheckedAddressWithoutAnyLookup() {
        // hooks.example.test exists nowhere: only the pinned resolver can answer it.
        URI url = URI.create("http://hooks.example.test:" + port() + "/ok");

        WebhookSender.Response response = sender.post(url, List.of(LOOPBACK), Map.of("webhook-id", "msg_1"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(204);
        assertThat(received).containsEntry("host", "hooks.example.test:" + port())
                .containsEntry("webhook-id", "msg_1").containsEntry("body", "{\"a\":1}");
    }

    @Test
    void aRedirectIsReportedAndNotFollowed() {
        WebhookSender.Response response = sender.post(URI.create("http://127.0.0.1:" + port() + "/moved"), List.of(LOOPBACK),
                Map.of(), new byte[0], Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.isSuccess()).isFalse();
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void aSlowReceiverTimesOutAndARefusedConnectionIsAnError() throws IOException {
        WebhookSender.Response slow = sender.post(URI.create("http://127.0.0.1:" + port() + "/slow"), List.of(LOOPBACK),
                Map.of(), new byte[0], Duration.ofMillis(500));
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            closed = socket.getLocalPort();
        }
        WebhookSender.Response refused = sender.post(URI.create("http://127.0.0.1:" + closed + "/x"), List.of(LOOPBACK),
                Map.of(), new byte[0], Duration.ofSeconds(2));

        assertThat(slow.status()).isNull();
        assertThat(slow.error()).isEqualTo("timed out");
        assertThat(refused.status()).isNull();
        assertThat(refused.error()).isNotBlank();
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
