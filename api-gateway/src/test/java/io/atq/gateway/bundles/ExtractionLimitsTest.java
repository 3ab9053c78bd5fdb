package io.atq.gateway.bundles;

import io.atq.contracts.config.BundleSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sizes are counted as bytes are written, never taken from the archive; entries are counted as they are read. */
class ExtractionLimitsTest {
    private static final int MAX_EXTRACTED = 1 << 20;
    private final BundleExtractor extractor = new BundleExtractor(new BundleSettings(1 << 20, MAX_EXTRACTED, 10));

    @TempDir
    Path temp;

    private Path target() throws IOException {
        return Files.createDirectory(temp.resolve("out-" + System.nanoTime()));
    }

    @Test
    void aSmallZipThatInflatesPastTheLimitIsRefusedBeforeTheLimitIsWritten() throws IOException {
        Path bomb = Archives.with().file("zeros.bin", Archives.zeros(8 * MAX_EXTRACTED)).zip(temp);
        assertThat(Files.size(bomb)).isLessThan(64 * 1024);
        Path target = target();

        assertThatThrownBy(() -> extractor.extract(bomb, ArchiveFormat.ZIP, target))
                .isInstanceOfSatisfying(BundleRefusedException.class, e -> {
                    assertThat(e.getEntry()).isEqualTo("zeros.bin");
                    assertThat(e.getProblem()).contains("larger than " + MAX_EXTRACTED + " bytes extracted");
                });
        assertThat(Files.size(target.resolve("zeros.bin"))).isLessThanOrEqualTo(MAX_EXTRACTED);
    }

    @Test
    void manySmallFilesTogetherPastTheLimitAreRefusedAtTheFileThatCrossesIt() throws IOException {
        Archives archive = Archives.with();
        for (int i = 0; i < 5; i++) {
            archive.file("part-" + i, Archives.zeros(MAX_EXTRACTED / 4));
        }
        Path tarGz = archive.tarGz(temp);

        assertThatThrownBy(() -> extractor.extract(tarGz, ArchiveFormat.TAR_GZ, target()))
                .isInstanceOfSatisfying(BundleRefusedException.class, e -> assertThat(e.getEntry()).isEqualTo("part-4"));
    }

    @Test
    void moreEntriesThanAllowedAreRefusedAtTheFirstOneTooMany() throws IOException {
        Archives archive = Archives.with();
        for (int i = 0; i < 11; i++) {
            archive.file("f" + i, "x");
        }

        for (ArchiveFormat format : ArchiveFormat.values()) {
            Path file = format == ArchiveFormat.ZIP ? archive.zip(temp) : archive.tarGz(temp);
            assertThatThrownBy(() -> extractor.extract(file, format, target()))
                    .isInstanceOfSatisfying(BundleRefusedException.class, e -> {
                        assertThat(e.getEntry()).isEqualTo("f10");
                        assertThat(e.getProblem()).contains("at most 10 entries");
                    });
        }
    }

    @Test
    void exactlyTheLimitsAreAccepted() throws IOException {
        Archives archive = Archives.with().file("all", Archives.zeros(MAX_EXTRACTED));
        for (int i = 1; i < 10; i++) {
            archive.folder("d" + i);
        }

        Extraction extraction = extractor.extract(archive.zip(temp), ArchiveFormat.ZIP, target());

        assertThat(extraction).isEqualTo(new Extraction(10, 1, MAX_EXTRACTED));
    }

    @Test
    void anEmptyArchiveIsRefused() throws IOException {
        Path empty = Archives.with().zip(temp);

        assertThatThrownBy(() -> extractor.extract(empty, ArchiveFormat.ZIP, target())).hasMessageContaining("has no entries");
    }
}
