package io.atq.gateway.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

import java.util.List;

/** Reads a JSON request body into bytes, refusing other media types (415) and bodies over a limit (413). */
final class RequestBodies {
    private RequestBodies() {
    }

    static Mono<byte[]> readJson(ServerHttpRequest request, long limit) {
        MediaType type = request.getHeaders().getContentType();
        // No Content-Type is tolerated (curl -d sends form type, but scripts often send none); anything else must be JSON.
        if (type != null && !type.isCompatibleWith(MediaType.APPLICATION_JSON) && !"json".equals(type.getSubtypeSuffix())) {
            return Mono.error(new UnsupportedMediaTypeStatusException(type, List.of(MediaType.APPLICATION_JSON)));
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return Mono.error(new RequestTooLargeException(limit));
        }
        return DataBufferUtils.join(request.getBody(), (int) limit)
                .map(RequestBodies::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> new RequestTooLargeException(limit));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
