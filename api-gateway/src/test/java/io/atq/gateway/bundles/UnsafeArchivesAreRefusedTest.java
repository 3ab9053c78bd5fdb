package io.atq.gateway.bundles;

import io.atq.contracts.config.BundleSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every entry that could escape the bundle, link elsewhere or be something other than a file or folder is refused. */
class UnsafeArchivesAreRefusedTest {
    private final BundleExtractor extractor = new BundleExtractor(new BundleSettings(1 << 20, 1 << 20, 100));

    @TempDir
    Path temp;

    private BundleRefusedException refusal(Path archive, ArchiveFormat format) throws IOException {
        Path target = Files.createDirectory(temp.resolve("out-" + System.nanoTime()));
        try {
            extractor.extract(archive, format, target);
        } catch (BundleRefusedException e) {
            return e;
        }
        throw new AssertionError("extraction of " + archive + " was not refused");
    }

    private void bothFormatsRefuse(Archives archive, String entry, String problem) throws IOException {
        for (ArchiveFormat format : ArchiveFormat.values()) {
            Function<Path, Path> build = format == ArchiveFormat.ZIP ? archive::zip : archive::tarGz;
            BundleRefusedException e = refusal(build.apply(temp), format);
            assertThat(e.getEntry()).as(format.label()).isEqualTo(entry);
            assertThat(e.getProblem()).as(format.label()).contains(problem);
        }
    }

    @Test
    void traversalIsRefusedInZipAndTarGz() throws IOException {
        bothFormatsRefuse(Archives.with().file("ok.txt", "fine").file("../../evil.sh", "boom"), "../../evil.sh", "'..' segment");
        assertThat(temp.resolve("evil.sh")).doesNotExist();
        assertThat(temp.getParent().resolve("evil.sh")).doesNotExist();
    }

    @Test
    void absolutePathsAreRefusedInZip() throws IOException {
        // A tar writer strips the leading slash itself; zip keeps the name as given.
        BundleRefusedException e = refusal(Archives.with().file("/tmp/evil", "x").zip(temp), ArchiveFormat.ZIP);

        assertThat(e.getEntry()).isEqualTo("/tmp/evil");
        assertThat(e.getProblem()).contains("absolute path");
    }

    @Test
    void symbolicLinksAreRefusedInZipAndTarGz() throws IOException {
        bothFormatsRefuse(Archives.with().symlink("passwd", "/etc/passwd"), "passwd", "symbolic link");
    }

    @Test
    void hardLinksDevicesAndFifosAreRefusedInTarGz() throws IOException {
        Archives hard = Archives.with().file("a.txt", "a").hardLink("b.txt", "/etc/shadow");
        assertThat(refusal(hard.tarGz(temp), ArchiveFormat.TAR_GZ).getProblem()).contains("hard link to '/etc/shadow'");
        assertThat(refusal(Archives.with().device("null").tarGz(temp), ArchiveFormat.TAR_GZ).getProblem()).contains("device");
        assertThat(refusal(Archives.with().fifo("pipe").tarGz(temp), ArchiveFormat.TAR_GZ).getProblem()).contains("FIFO");
    }

    @Test
    void aFifoIsRefusedInZipByItsUnixMode() throws IOException {
        assertThat(refusal(Archives.with().fifo("pipe").zip(temp), ArchiveFormat.ZIP).getProblem()).contains("device, FIFO or socket");
    }

    @Test
    void duplicateEntriesAndFileFolderClashesAreRefused() throws IOException {
        bothFormatsRefuse(Archives.with().file("a.txt", "1").file("./a.txt", "2"), "./a.txt", "duplicate entry");
        bothFormatsRefuse(Archives.with().file("data", "1").file("data/x.csv", "2"), "data/x.csv", "which an earlier entry made a file");
        bothFormatsRefuse(Archives.with().file("data/x.csv", "1").file("data", "2"), "data", "earlier entry is a folder");
    }

    @Test
    void controlCharactersInNamesAreRefusedEscaped() throws IOException {
        bothFormatsRefuse(Archives.with().file("bad\u001b[2Jname", "x"), "bad\\u001b[2Jname", "control character");
    }

    @Test
    void somethingThatIsNotAnArchiveIsRefusedAsAWhole() throws IOException {
        Path junk = Files.writeString(temp.resolve("junk"), "PK\3\4 but not really a zip");

        BundleRefusedException e = refusal(junk, ArchiveFormat.ZIP);

        assertThat(e.getEntry()).isEqualTo(BundleRefusedException.ARCHIVE);
        assertThat(e.getProblem()).startsWith("is not a readable zip");
    }
}
