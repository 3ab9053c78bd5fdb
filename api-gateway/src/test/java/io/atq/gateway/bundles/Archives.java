package io.atq.gateway.bundles;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds test archives with commons-compress's writers, including entries no friendly tool would write. */
public final class Archives {
    /** One entry: a file ({@code data}), a folder, or a special tar entry ({@code link} set for links). */
    public record Entry(String name, byte[] data, byte linkFlag, String link, int mode) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public static Archives with() {
        return new Archives();
    }

    public Archives file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public Archives file(String name, byte[] data) {
        entries.add(new Entry(name, data, TarConstants.LF_NORMAL, null, 0100644));
        return this;
    }

    /** A regular file with a mode such as setuid 04755. */
    public Archives file(String name, String text, int mode) {
        entries.add(new Entry(name, text.getBytes(StandardCharsets.UTF_8), TarConstants.LF_NORMAL, null, 0100000 | mode));
        return this;
    }

    public Archives folder(String name) {
        entries.add(new Entry(name.endsWith("/") ? name : name + "/", null, TarConstants.LF_DIR, null, 040755));
        return this;
    }

    public Archives symlink(String name, String target) {
        entries.add(new Entry(name, null, TarConstants.LF_SYMLINK, target, 0120777));
        return this;
    }

    public Archives hardLink(String name, String target) {
        entries.add(new Entry(name, null, TarConstants.LF_LINK, target, 0100644));
        return this;
    }

    public Archives fifo(String name) {
        entries.add(new Entry(name, null, TarConstants.LF_FIFO, null, 010644));
        return this;
    }

    public Archives device(String name) {
        entries.add(new Entry(name, null, TarConstants.LF_CHR, null, 020644));
        return this;
    }

    public Path tarGz(Path folder) {
        Path file = folder.resolve("bundle-" + System.nanoTime() + ".tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(file)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.linkFlag(), true);
                entry.setMode(e.mode());
                if (e.link() != null) {
                    entry.setLinkName(e.link());
                }
                if (e.data() != null) {
                    entry.setSize(e.data().length);
                }
                tar.putArchiveEntry(entry);
                if (e.data() != null) {
                    tar.write(e.data());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A zip; symbolic links carry their target as data and the link type in the Unix mode, as Info-ZIP writes them. */
    public Path zip(Path folder) {
        Path file = folder.resolve("bundle-" + System.nanoTime() + ".zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            for (Entry e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.name());
                entry.setUnixMode(e.mode());
                zip.putArchiveEntry(entry);
                byte[] data = e.data() != null ? e.data() : e.link() != null ? e.link().getBytes(StandardCharsets.UTF_8) : null;
                if (data != null) {
                    zip.write(data);
                }
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A text of {@code n} bytes that compresses almost to nothing (zeros). */
    public static byte[] zeros(int n) {
        return new byte[n];
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
