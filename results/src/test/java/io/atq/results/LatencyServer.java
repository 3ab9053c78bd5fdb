package io.atq.results;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system under test of the JMeter runs: an HTTP server on the loopback interface (ephemeral port) whose pages take
 * their own time, so percentiles differ per page and have a tail.
 * <ul>
 *   <li>{@code /home}: 1 ms plus an exponential 2 ms on average</li>
 *   <li>{@code /search}: 15 ms plus an exponential 15 ms, and one in 30 takes 100 ms more</li>
 *   <li>{@code /checkout}: 5 ms plus an exponential 5 ms; every tenth answers 500</li>
 *   <li>under {@code /slow/}: the same pages three times slower (the slow worker)</li>
 * </ul>
 * It counts what it served, so a test can check every request JMeter recorded reached it and nothing else.
 */
final class LatencyServer implements AutoCloseable {
    private static final int SLOWDOWN = 3;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong checkouts = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private LatencyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static LatencyServer start() throws IOException {
        return new LatencyServer();
    }

    String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests answered, successful or not. */
    long served() {
        return served.get();
    }

    /** Requests answered with 500. */
    long failed() {
        return failed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String page = path.substring(path.lastIndexOf('/') + 1);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            double millis = switch (page) {
                case "home" -> 1 + exponential(random, 2);
                case "search" -> 15 + exponential(random, 15) + (random.nextInt(30) == 0 ? 100 : 0);
                case "checkout" -> 5 + exponential(random, 5);
                default -> -1;
            };
            if (millis < 0) {
                respond(exchange, 404, "no page " + page);
                return;
            }
            Thread.sleep(Math.round(millis * (path.startsWith("/slow/") ? SLOWDOWN : 1)));
            served.incrementAndGet();
            if (page.equals("checkout") && checkouts.incrementAndGet() % 10 == 0) {
                failed.incrementAndGet();
                respond(exchange, 500, "checkout failed");
            } else {
                respond(exchange, 200, page);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double exponential(ThreadLocalRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
