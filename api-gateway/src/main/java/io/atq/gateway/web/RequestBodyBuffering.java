package io.atq.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the whole request body before anything answers the request, so that every answer (also a 404, 405, 406 or
 * 415 that never looks at the body, and a 413) goes out after the whole request has arrived. Up to the size limit
 * the body is kept for the handler; past it the rest is read and dropped, and the handler sees a body that fails
 * with {@link DataBufferLimitException} (413). Only a body past {@value #DRAIN_FACTOR} times the limit is left
 * unread, and then the connection is closed after the answer.
 * <p>
 * Why: with Reactor Netty 1.3.6, a request whose body is still unread when the answer goes out keeps the exchange
 * open after the answer; a keep-alive client's next request then sometimes waits until the client gives up (the
 * read is not re-armed, reactor-netty#4347 and #4361; 1.3.8 re-arms it). Closing the connection instead is no
 * cure for an ordinary oversized body: the client, still sending, gets a reset and loses the 413. RFC 9112 §9.6:
 * read the whole body, or close the connection after the response.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestBodyBuffering implements WebFilter {
    /** How many times the size limit is read and dropped before the gateway rather closes the connection. */
    static final int DRAIN_FACTOR = 16;
    /** The route (POST) that streams its large body itself and enforces its own limit: bundle uploads. */
    static final String STREAMED_PATH = "/v1/bundles";

    private final int limit;
    private final long drainLimit;

    /** @param maxRequestSize the largest body kept for a handler (at most 1 MB, see the gateway's settings) */
    public RequestBodyBuffering(DataSize maxRequestSize) {
        this.limit = Math.toIntExact(maxRequestSize.toBytes());
        this.drainLimit = (long) limit * DRAIN_FACTOR;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (exchange.getRequest().getMethod() == org.springframework.http.HttpMethod.POST
                && STREAMED_PATH.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange); // BundleUploads reads (or drains) the body itself
        }
        if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        if (headers.getContentLength() > drainLimit) {
            return chain.filter(closingAfterAnswer(exchange));
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        AtomicLong total = new AtomicLong();
        return exchange.getRequest().getBody()
                .doOnNext(buffer -> keep(buffer, kept, total))
                // takeUntil cancels the body once it passed the drain limit; each buffer was released above.
                .takeUntil(buffer -> total.get() > drainLimit)
                .then(Mono.fromSupplier(() -> body(exchange, kept, total.get())))
                .flatMap(body -> chain.filter(exchange.mutate().request(new ServerHttpRequestDecorator(exchange.getRequest()) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return body;
                    }
                }).build()));
    }

    private void keep(DataBuffer buffer, ByteArrayOutputStream kept, AtomicLong total) {
        try {
            int size = buffer.readableByteCount();
            total.addAndGet(size);
            int room = limit - kept.size();
            if (room > 0) {
                byte[] bytes = new byte[Math.min(room, size)];
                buffer.read(bytes);
                kept.writeBytes(bytes);
            }
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private Flux<DataBuffer> body(ServerWebExchange exchange, ByteArrayOutputStream kept, long total) {
        if (total > limit) {
            if (total > drainLimit) {
                closingAfterAnswer(exchange);
            }
            return Flux.error(new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + limit));
        }
        byte[] bytes = kept.toByteArray();
        // A heap buffer per read: nothing pooled is left for the handler to release.
        return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
    }

    private static ServerWebExchange closingAfterAnswer(ServerWebExchange exchange) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return Mono.empty();
        });
        return exchange;
    }
}
