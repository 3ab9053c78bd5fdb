package io.atq.gateway.it;

import io.atq.contracts.config.ConfigLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The gateway of {@link GatewayTestBase}, called as the dev admin, with helpers to upload archives. */
abstract class BundleTestBase extends GatewayTestBase {
    static final MediaType ZIP = MediaType.parseMediaType("application/zip");
    static final MediaType GZIP = MediaType.parseMediaType("application/gzip");
    static final Path BUNDLES = ConfigLoader.load(CONFIG.toString()).sharedPath().resolve("bundles");

    @TempDir
    Path temp;

    @BeforeEach
    void asDevAdmin() {
        http = http.mutate().defaultHeader("Authorization", "Bearer atq-dev-token").build();
    }

    WebTestClient.ResponseSpec upload(Path archive, MediaType type) {
        return http.post().uri("/v1/bundles").contentType(type).bodyValue(bytes(archive)).exchange();
    }

    /** Uploads an acceptable archive; returns the bundle's id. */
    String uploaded(Path archive, MediaType type) {
        return upload(archive, type).expectStatus().isCreated()
                .expectBody().returnResult().getResponseHeaders().getLocation().toString().substring("/v1/bundles/".length());
    }

    /** Files and folders under bundles/, except the (then empty) .incoming folder. */
    static long storedFolders() {
        try (Stream<Path> left = Files.list(BUNDLES)) {
            return left.filter(p -> !p.getFileName().toString().equals(".incoming")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long incomingLeftovers() {
        try (Stream<Path> left = Files.list(BUNDLES.resolve(".incoming"))) {
            return left.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
