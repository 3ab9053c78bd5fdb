package io.atq.gateway.board;

import org.springframework.core.io.Resource;
import org.springframework.web.reactive.function.server.EntityResponse;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each board file a strong ETag (a hash of its bytes) and answers {@code If-None-Match} with {@code 304}, so a
 * browser told {@code no-cache} revalidates in one small round trip instead of fetching the file again. Hashed once
 * per file: the files are inside the jar and never change while it runs.
 */
final class BoardETags implements HandlerFilterFunction<ServerResponse, ServerResponse> {
    private final Map<String, String> etags = new ConcurrentHashMap<>();

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        return next.handle(request).flatMap(response -> {
            if (!(response instanceof EntityResponse<?> entity) || !(entity.entity() instanceof Resource file)) {
                return Mono.just(response);
            }
            String etag = etags.computeIfAbsent(file.getDescription(), description -> hash(file));
            return request.checkNotModified(etag).switchIfEmpty(Mono.fromSupplier(() -> {
                request.exchange().getResponse().getHeaders().setETag(etag);
                return response;
            }));
        });
    }

    private static String hash(Resource file) {
        try (InputStream in = file.getInputStream()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read board file " + file.getDescription(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
