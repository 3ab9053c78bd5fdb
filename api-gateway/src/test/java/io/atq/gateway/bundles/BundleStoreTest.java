package io.atq.gateway.bundles;

import io.atq.contracts.config.BundleSettings;
import io.atq.contracts.names.SharedFolderLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A good archive round-trips into {@code bundles/<sha256>/content}; a refused one leaves nothing behind. */
class BundleStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path shared;

    private SharedFolderLayout layout() {
        return new SharedFolderLayout(shared);
    }

    private SharedFolderBundleStore store() {
        return new SharedFolderBundleStore(layout().bundles(), new BundleExtractor(new BundleSettings(1 << 20, 1 << 20, 100)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Upload upload(SharedFolderBundleStore store, Path archive, ArchiveFormat declared) throws IOException {
        Path file = store.newUploadFile();
        Files.copy(archive, file);
        return new Upload(file, declared, sha256(archive), Files.size(archive));
    }

    @Test
    void aTarGzIsExtractedUnderItsHashWithPlainModesAndMetadata() throws IOException {
        SharedFolderBundleStore store = store();
        Path archive = Archives.with().folder("users").file("users/a.csv", "id,name\n1,ann\n", 04755).file("./readme.txt", "hi").tarGz(shared);

        StoredBundle stored = store.store(upload(store, archive, ArchiveFormat.TAR_GZ), "team-a");

        String id = sha256(archive);
        // Where directors look for it (SharedFolderBundles.present) and mount it from.
        Path content = layout().bundleContent(id);
        assertThat(stored.created()).isTrue();
        assertThat(stored.info()).isEqualTo(new BundleInfo(id, "tar.gz", Files.size(archive), 3, 2, 16, "team-a", NOW, null));
        assertThat(content.resolve("users/a.csv")).hasContent("id,name\n1,ann");
        assertThat(content.resolve("readme.txt")).hasContent("hi");
        // The archive's setuid 04755 is not carried over: every file 0644, every folder 0755.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(content.resolve("users/a.csv")))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(content.resolve("users")))).isEqualTo("rwxr-xr-x");
        assertThat(layout().bundle(id).resolve("bundle.tar.gz")).hasSameBinaryContentAs(archive);
        assertThat(store.find(id)).contains(stored.info());
        assertThat(incomingLeftovers()).isZero();
    }

    @Test
    void theSameArchiveTwiceIsStoredOnceAndRemembersBothUploaders() throws IOException {
        SharedFolderBundleStore store = store();
        Path archive = Archives.with().file("a.txt", "a").zip(shared);

        StoredBundle first = store.store(upload(store, archive, ArchiveFormat.ZIP), "team-a");
        StoredBundle second = store.store(upload(store, archive, null), "team-b");

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.info().id()).isEqualTo(first.info().id());
        assertThat(second.info().uploadedBy()).isEqualTo("team-a");
        assertThat(store.find(first.info().id()).orElseThrow().clients()).containsExactly("team-a", "team-b");
        assertThat(store.list()).hasSize(1);
        assertThat(incomingLeftovers()).isZero();
    }

    @Test
    void aRefusedArchiveLeavesNothingBehind() throws IOException {
        SharedFolderBundleStore store = store();
        Path archive = Archives.with().file("good.txt", "fine").symlink("link", "/etc/passwd").tarGz(shared);

        assertThatThrownBy(() -> store.store(upload(store, archive, ArchiveFormat.TAR_GZ), "team-a"))
                .isInstanceOf(BundleRefusedException.class);

        assertThat(store.exists(sha256(archive))).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(incomingLeftovers()).isZero();
    }

    @Test
    void aDeclaredFormatThatTheBytesContradictIsRefused() throws IOException {
        SharedFolderBundleStore store = store();
        Path zip = Archives.with().file("a.txt", "a").zip(shared);

        assertThatThrownBy(() -> store.store(upload(store, zip, ArchiveFormat.TAR_GZ), "team-a"))
                .hasMessageContaining("Content-Type declares tar.gz but the bytes are zip");
        assertThat(incomingLeftovers()).isZero();
    }

    @Test
    void deleteRemovesTheWholeFolder() throws IOException {
        SharedFolderBundleStore store = store();
        Path archive = Archives.with().file("a.txt", "a").zip(shared);
        String id = store.store(upload(store, archive, ArchiveFormat.ZIP), "team-a").info().id();

        assertThat(store.delete(id)).isTrue();

        assertThat(layout().bundle(id)).doesNotExist();
        assertThat(store.delete(id)).isFalse();
        assertThat(incomingLeftovers()).isZero();
    }

    private long incomingLeftovers() throws IOException {
        Path incoming = layout().bundles().resolve(SharedFolderBundleStore.INCOMING);
        if (!Files.exists(incoming)) {
            return 0;
        }
        try (Stream<Path> left = Files.list(incoming)) {
            return left.count();
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
