package io.atq.systemtests.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on 127.0.0.1 that checks Standard Webhooks signatures with its own code (written from the
 * specification, not the gateway's). Paths: {@code /flaky/<n>/…} answers 500 to the first n attempts of each
 * webhook-id, then 204; {@code /gone} answers 410; {@code /redirect} answers 302 to {@code /target}.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Hit(String path, String webhookId, long timestamp, boolean signatureValid, Instant receivedAt,
                      int answered, String body) {
    }

    private final byte[] key;
    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attemptsById = new ConcurrentHashMap<>();

    /** @param secret the client's {@code whsec_…} secret */
    public WebhookReceiver(String secret) {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The URL of a path on this receiver, by IP literal (no name is ever looked up). */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** The hits for one webhook id, in arrival order. */
    public List<Hit> hits(String webhookId) {
        return hits.stream().filter(h -> webhookId.equals(h.webhookId())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant now = Instant.now();
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        int answer;
        if (path.startsWith("/flaky/")) {
            int failures = Integer.parseInt(path.split("/")[2]);
            int attempt = attemptsById.merge(path + "|" + id, 1, Integer::sum);
            answer = attempt <= failures ? 500 : 204;
        } else if (path.equals("/gone")) {
            answer = 410;
        } else if (path.equals("/redirect")) {
            exchange.getResponseHeaders().add("Location", "/target");
            answer = 302;
        } else {
            answer = 200;
        }
        hits.add(new Hit(path, id, timestamp == null ? -1 : Long.parseLong(timestamp), verify(id, timestamp, signatures, body),
                now, answer, new String(body, StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    /** The specification: any space-separated {@code v1,<base64>} entry equal to HMAC-SHA256(key, "id.ts.body"). */
    private boolean verify(String id, String timestamp, String header, byte[] body) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = ByteConcat.of((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
            byte[] expected = mac.doFinal(signed);
            return Arrays.stream(header.split(" "))
                    .filter(entry -> entry.startsWith("v1,"))
                    .anyMatch(entry -> MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(3))));
        } catch (Exception e) {
            return false;
        }
    }

    private static final class ByteConcat {
        static byte[] of(byte[] a, byte[] b) {
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
