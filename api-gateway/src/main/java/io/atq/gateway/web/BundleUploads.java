package io.atq.gateway.web;

import io.atq.gateway.bundles.ArchiveFormat;
import io.atq.gateway.bundles.Upload;
import io.atq.gateway.problems.RequestTooLargeException;
import io.atq.gateway.problems.UnsupportedContentException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives an archive body into a file while hashing (SHA-256) and counting it, never holding the whole upload in
 * memory. Past the limit nothing more is written; the rest of the body is still read and dropped up to twice the
 * limit, so the client sees the 413 rather than a reset (see {@link RequestBodyBuffering}); beyond that the
 * connection is closed after the answer.
 */
final class BundleUploads {
    /** The media types an upload may declare, for the {@code Accept} header of a 415. */
    static final String ARCHIVE_TYPES = "application/zip, application/gzip";
    static final String SEND_ARCHIVE = "send the archive as the body with Content-Type application/zip or application/gzip"
            + " (curl -H 'Content-Type: application/zip' --data-binary @data.zip)";

    private BundleUploads() {
    }

    /**
     * The format the request declares: {@code null} when it declares none or {@code application/octet-stream} (the
     * first bytes decide).
     *
     * @throws UnsupportedContentException for any content coding, or a media type that is not an archive
     */
    static @Nullable ArchiveFormat declaredFormat(HttpHeaders headers) {
        for (String codings : headers.getOrEmpty(HttpHeaders.CONTENT_ENCODING)) {
            for (String coding : codings.split(",")) {
                if (!coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
                    throw new UnsupportedContentException(HttpHeaders.CONTENT_ENCODING,
                            "'" + coding.strip() + "' is not supported; " + SEND_ARCHIVE, ARCHIVE_TYPES);
                }
            }
        }
        List<String> types = headers.getOrEmpty(HttpHeaders.CONTENT_TYPE);
        if (types.isEmpty()) {
            return null;
        }
        if (types.size() > 1) {
            throw new UnsupportedContentException(HttpHeaders.CONTENT_TYPE, "must be given once, was given " + types.size() + " times",
                    ARCHIVE_TYPES);
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(types.getFirst());
        } catch (IllegalArgumentException e) {
            throw new UnsupportedContentException(HttpHeaders.CONTENT_TYPE, "'" + types.getFirst() + "' is not a valid media type; " + SEND_ARCHIVE,
                    ARCHIVE_TYPES);
        }
        String plain = type.getType() + "/" + type.getSubtype();
        if (plain.equalsIgnoreCase(MediaType.APPLICATION_OCTET_STREAM_VALUE)) {
            return null;
        }
        return ArchiveFormat.ofMediaType(plain).orElseThrow(() -> new UnsupportedContentException(HttpHeaders.CONTENT_TYPE,
                "'" + plain + "' is not an archive; " + SEND_ARCHIVE, ARCHIVE_TYPES));
    }

    /**
     * Writes the body to {@code file}; completes with the upload, or fails with {@link RequestTooLargeException}
     * (the file deleted) past {@code limit} bytes.
     */
    static Mono<Upload> receive(ServerWebExchange exchange, Path file, @Nullable ArchiveFormat declared, long limit) {
        ServerHttpRequest request = exchange.getRequest();
        MessageDigest sha256 = sha256();
        AtomicLong total = new AtomicLong();
        long drainLimit = drainLimit(limit);
        return DataBufferUtils.write(request.getBody()
                                .doOnNext(buffer -> total.addAndGet(buffer.readableByteCount()))
                                // Cancels the body (the connection then closes) once far past the limit.
                                .takeUntil(buffer -> total.get() > drainLimit)
                                .filter(buffer -> keep(buffer, total.get() <= limit, sha256)),
                        file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                .then(Mono.fromCallable(() -> {
                    if (total.get() > limit) {
                        if (total.get() > drainLimit) {
                            closeAfterAnswer(exchange);
                        }
                        throw new RequestTooLargeException(limit);
                    }
                    return new Upload(file, declared, HexFormat.of().formatHex(sha256.digest()), total.get());
                }))
                .doOnError(e -> deleteQuietly(file))
                .doOnCancel(() -> deleteQuietly(file));
    }

    /** How much of a body over {@code limit} is still read (and dropped) so that the client sees the answer. */
    static long drainLimit(long limit) {
        return limit * 2;
    }

    /** Whether the client waits for "100 Continue" before sending the body (RFC 9110 §10.1.1). */
    static boolean expectsContinue(HttpHeaders headers) {
        return headers.getOrEmpty(HttpHeaders.EXPECT).stream().anyMatch(value -> value.strip().equalsIgnoreCase("100-continue"));
    }

    /** Answers with {@code Connection: close}: the body is left unread, so this connection cannot carry another request. */
    static void closeAfterAnswer(ServerWebExchange exchange) {
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            return Mono.empty();
        });
    }

    private static boolean keep(DataBuffer buffer, boolean withinLimit, MessageDigest sha256) {
        if (!withinLimit) {
            DataBufferUtils.release(buffer);
            return false;
        }
        try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
            // Views: digesting them leaves the buffer's own read position for the file write.
            views.forEachRemaining(sha256::update);
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left in bundles/.incoming; harmless
        }
    }
}
