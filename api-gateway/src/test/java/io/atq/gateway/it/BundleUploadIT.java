package io.atq.gateway.it;

import io.atq.gateway.bundles.Archives;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/bundles: stored once per content, refused with a problem naming the entry, the limit or the header. */
class BundleUploadIT extends BundleTestBase {

    @Test
    void aTarGzIsStoredUnderItsHashOnceAndListed() {
        Path archive = Archives.with().folder("csv").file("csv/users.csv", "id\n1\n").file("plan.txt", "go").tarGz(temp);

        String id = uploaded(archive, GZIP);
        upload(archive, MediaType.APPLICATION_OCTET_STREAM).expectStatus().isOk()
                .expectHeader().location("/v1/bundles/" + id)
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.format").isEqualTo("tar.gz");

        http.get().uri("/v1/bundles/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.entries").isEqualTo(3).jsonPath("$.files").isEqualTo(2).jsonPath("$.extractedBytes").isEqualTo(7)
                .jsonPath("$.size").isEqualTo((int) archive.toFile().length());
        http.get().uri("/v1/bundles").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '%s')]".formatted(id)).exists();
        assertThat(BUNDLES.resolve(id).resolve("content/csv/users.csv")).hasContent("id\n1");
    }

    @Test
    void aZipWithATraversalEntryIs400NamingTheEntryAndLeavesNothing() {
        long before = storedFolders();
        Path archive = Archives.with().file("ok.csv", "1").file("../../../etc/cron.d/evil", "x").zip(temp);

        upload(archive, ZIP).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:atq:problem:invalid-bundle")
                .jsonPath("$.entry").isEqualTo("../../../etc/cron.d/evil")
                .jsonPath("$.errors[0].field").isEqualTo("../../../etc/cron.d/evil")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("'..' segment"));

        assertThat(storedFolders()).isEqualTo(before);
        assertThat(incomingLeftovers()).isZero();
    }

    @Test
    void aSmallZipThatInflatesPastTheExtractedLimitIs400() {
        Path bomb = Archives.with().file("zeros.bin", Archives.zeros(7 << 20)).zip(temp);
        assertThat(bomb.toFile().length()).isLessThan(100_000);

        upload(bomb, ZIP).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.entry").isEqualTo("zeros.bin")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("larger than " + (6 << 20) + " bytes extracted"));
        assertThat(incomingLeftovers()).isZero();
    }

    @Test
    void aSymbolicLinkInATarGzIs400() {
        Path archive = Archives.with().symlink("passwd", "/etc/passwd").tarGz(temp);

        upload(archive, GZIP).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.entry").isEqualTo("passwd")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("symbolic link"));
    }

    @Test
    void aDeclaredSizeOverTheLimitIs413BeforeTheBodyIsRead() {
        http.post().uri("/v1/bundles").contentType(ZIP).bodyValue(new byte[(6 << 20) + 1]).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.type").isEqualTo("urn:atq:problem:request-too-large").jsonPath("$.limit").isEqualTo(6 << 20);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndNothingIsKept() {
        Flux<DataBuffer> chunks = Flux.range(0, 7 * 16).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));

        http.post().uri("/v1/bundles").contentType(ZIP).body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(incomingLeftovers()).isZero();
    }

    @Test
    void aMediaTypeThatIsNoArchiveIs415NamingTheArchiveTypes() {
        http.post().uri("/v1/bundles").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().valueEquals(HttpHeaders.ACCEPT, "application/zip, application/gzip")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Content-Type");
    }

    @Test
    void bytesThatContradictTheContentTypeAre400() throws Exception {
        Path zip = Archives.with().file("a.txt", "a").zip(temp);
        Path notAnArchive = Files.writeString(temp.resolve("plain.txt"), "just text");

        upload(zip, GZIP).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("declares tar.gz but the bytes are zip"));
        upload(notAnArchive, MediaType.APPLICATION_OCTET_STREAM).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("neither a zip nor a gzip"));
    }
}
