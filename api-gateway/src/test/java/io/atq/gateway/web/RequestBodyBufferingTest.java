package io.atq.gateway.web;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole body is read before anything answers; what the handler then sees, and when the connection closes. */
class RequestBodyBufferingTest {
    private static final int LIMIT = 1024;
    private final RequestBodyBuffering filter = new RequestBodyBuffering(DataSize.ofBytes(LIMIT));

    @Test
    void handsABodyWithinTheLimitToTheHandlerWhole() {
        Seen seen = run(MockServerHttpRequest.post("/v1/tasks").body(chunks(3, 100)));
        assertThat(seen.body.get()).isEqualTo("x".repeat(300));
        assertThat(seen.connection()).isNull();
    }

    @Test
    void readsAnOversizedBodyToItsEndButHandsTheHandlerA413() {
        AtomicBoolean readToTheEnd = new AtomicBoolean();
        Seen seen = run(MockServerHttpRequest.post("/v1/tasks").contentLength(10 * LIMIT)
                .body(chunks(10, LIMIT).doOnComplete(() -> readToTheEnd.set(true))));
        assertThat(seen.error.get()).isInstanceOf(DataBufferLimitException.class);
        assertThat(readToTheEnd).as("the rest was read before the answer").isTrue();
        assertThat(seen.connection()).as("so the connection stays open").isNull();
    }

    @Test
    void leavesABodyDeclaredPastTheDrainLimitUnreadAndClosesTheConnection() {
        AtomicBoolean subscribed = new AtomicBoolean();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/tasks")
                .contentLength(17L * LIMIT).body(chunks(17, LIMIT).doOnSubscribe(s -> subscribed.set(true))));
        // Like RequestBodies, the handler answers 413 from the declared length alone.
        filter.filter(exchange, e -> e.getResponse().setComplete()).block(Duration.ofSeconds(5));
        assertThat(subscribed).as("not read").isFalse();
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.CONNECTION)).isEqualTo("close");
    }

    @Test
    void stopsAnEndlessChunkedBodyAtTheDrainLimitAndClosesTheConnection() {
        AtomicInteger served = new AtomicInteger();
        Flux<DataBuffer> endless = Flux.<DataBuffer>generate(sink -> sink.next(buffer(LIMIT))).doOnNext(b -> served.incrementAndGet());
        Seen seen = run(MockServerHttpRequest.post("/v1/tasks").header(HttpHeaders.TRANSFER_ENCODING, "chunked").body(endless));
        assertThat(seen.error.get()).isInstanceOf(DataBufferLimitException.class);
        assertThat(served.get()).isEqualTo(RequestBodyBuffering.DRAIN_FACTOR + 1);
        assertThat(seen.connection()).isEqualTo("close");
    }

    @Test
    void passesARequestWithoutABodyAsItIs() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/tasks"));
        AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
        filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(e))).block();
        assertThat(passed.get()).isSameAs(exchange);
    }

    /** What the handler read, and the Connection header of the answer it then wrote. */
    private record Seen(AtomicReference<String> body, AtomicReference<Throwable> error, MockServerWebExchange exchange) {
        String connection() {
            return exchange.getResponse().getHeaders().getFirst(HttpHeaders.CONNECTION);
        }
    }

    private Seen run(MockServerHttpRequest request) {
        Seen seen = new Seen(new AtomicReference<>(), new AtomicReference<>(), MockServerWebExchange.from(request));
        filter.filter(seen.exchange(), e -> DataBufferUtils.join(e.getRequest().getBody())
                .map(b -> b.toString(StandardCharsets.UTF_8))
                .doOnNext(seen.body()::set)
                .doOnError(seen.error()::set)
                .onErrorComplete()
                .then(e.getResponse().setComplete())).block(Duration.ofSeconds(5));
        return seen;
    }

    private static Flux<DataBuffer> chunks(int count, int size) {
        return Flux.range(0, count).map(i -> buffer(size));
    }

    private static DataBuffer buffer(int size) {
        return DefaultDataBufferFactory.sharedInstance.wrap("x".repeat(size).getBytes(StandardCharsets.UTF_8));
    }
}
