package io.atq.gateway.web;

import io.atq.gateway.problems.RequestTooLargeException;
import io.atq.gateway.problems.UnsupportedContentException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads a JSON request body into bytes, refusing other content (415) and bodies over a limit (413). */
public final class RequestBodies {
    private static final String SEND_JSON = "send application/json (UTF-8, uncompressed)";

    private final long limit;

    /** @param limit the largest body read (the gateway's {@code max-request-size}) */
    public RequestBodies(DataSize limit) {
        this.limit = limit.toBytes();
    }

    Mono<byte[]> readJson(ServerHttpRequest request) {
        try {
            requireJson(request.getHeaders());
        } catch (UnsupportedContentException e) {
            return Mono.error(e);
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

    /**
     * Refuses every header that would make the body mean something other than the JSON text it holds: the gateway
     * reads the bytes as plain UTF-8 JSON, so a declared compression, charset or other media type would let it and
     * the client (or a proxy between them) disagree about the request.
     *
     * @throws UnsupportedContentException naming the header
     */
    static void requireJson(HttpHeaders headers) {
        for (String codings : headers.getOrEmpty(HttpHeaders.CONTENT_ENCODING)) {
            for (String coding : codings.split(",")) {
                if (!coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
                    throw new UnsupportedContentException(HttpHeaders.CONTENT_ENCODING,
                            "'" + coding.strip() + "' is not supported; " + SEND_JSON);
                }
            }
        }
        List<String> types = headers.getOrEmpty(HttpHeaders.CONTENT_TYPE);
        // No Content-Type is tolerated (scripts often send none); anything else must be JSON.
        if (types.isEmpty()) {
            return;
        }
        if (types.size() > 1) {
            throw new UnsupportedContentException(HttpHeaders.CONTENT_TYPE, "must be given once, was given " + types.size() + " times");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(types.getFirst());
        } catch (IllegalArgumentException e) {
            throw new UnsupportedContentException(HttpHeaders.CONTENT_TYPE,
                    "'" + types.getFirst() + "' is not a valid media type; " + SEND_JSON);
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            throw new UnsupportedContentException(HttpHeaders.CONTENT_TYPE, "'" + type + "' is a pattern, not a media type; " + SEND_JSON);
        }
        if (!type.isCompatibleWith(MediaType.APPLICATION_JSON) && !"json".equals(type.getSubtypeSuffix())) {
            throw new UnsupportedContentException(HttpHeaders.CONTENT_TYPE, "'" + type + "' is not JSON; " + SEND_JSON);
        }
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw new UnsupportedContentException(HttpHeaders.CONTENT_TYPE,
                    "charset " + type.getCharset().name() + " is not supported: JSON is sent as UTF-8");
        }
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
