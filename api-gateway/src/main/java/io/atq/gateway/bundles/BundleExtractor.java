package io.atq.gateway.bundles;

import io.atq.contracts.config.BundleSettings;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Extracts a zip or tar.gz into an empty folder, refusing ({@link BundleRefusedException}, naming the entry) anything
 * that is not a plain tree of folders and regular files within the limits: unsafe names ({@link EntryNames}),
 * symbolic and hard links, devices, FIFOs, sparse or other special entries, encrypted zip entries, duplicates
 * (also a file where a folder is), more than {@code maxEntries} entries, more than {@code maxExtractedBytes} written.
 * Sizes are counted as bytes are written — the sizes an archive declares are never trusted (zip bombs lie). A
 * compression-ratio rule is not applied: the byte count already bounds a bomb, and test data (CSV, zeros) may
 * legitimately compress 1000:1.
 * <p>
 * Created folders are {@code 0755} and files {@code 0644} whatever the archive says: no setuid, setgid, sticky or
 * executable bits. The caller deletes the folder when extraction fails.
 */
public final class BundleExtractor {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    /** Unix file-type bits of a zip entry's external attributes. */
    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIR = 0040000;
    private static final int TYPE_LINK = 0120000;
    /** Room for tar headers, padding and long-name records on top of the file bytes, per entry. */
    private static final long TAR_OVERHEAD_PER_ENTRY = 3 * 512;

    private final BundleSettings limits;

    public BundleExtractor(BundleSettings limits) {
        this.limits = limits;
    }

    /**
     * Extracts {@code archive} into {@code target} (an existing, empty folder).
     *
     * @throws BundleRefusedException  the archive is unreadable or breaks a rule
     * @throws UncheckedIOException    writing failed (disk full, permissions): retrying may help
     */
    public Extraction extract(Path archive, ArchiveFormat format, Path target) {
        Tree tree = new Tree(target.toAbsolutePath().normalize());
        switch (format) {
            case ZIP -> extractZip(archive, tree);
            case TAR_GZ -> extractTarGz(archive, tree);
        }
        if (tree.entries == 0) {
            throw BundleRefusedException.archive("has no entries: a bundle needs at least one file");
        }
        return new Extraction(tree.entries, tree.files, tree.bytes);
    }

    private void extractZip(Path archive, Tree tree) {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(archive).get();
        } catch (IOException e) {
            throw BundleRefusedException.archive("is not a readable zip: " + e.getMessage());
        }
        try (zip) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = entry.getName();
                tree.count(name);
                int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & TYPE_MASK : 0;
                if (entry.isUnixSymlink() || type == TYPE_LINK) {
                    throw refused(name, "is a symbolic link (links are not allowed)");
                }
                if (type != 0 && type != TYPE_FILE && type != TYPE_DIR) {
                    throw refused(name, "is a device, FIFO or socket (only files and folders are allowed)");
                }
                if (entry.isDirectory() || type == TYPE_DIR) {
                    tree.directory(name);
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    throw refused(name, "is encrypted or uses an unsupported compression method");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    tree.file(name, in);
                }
            }
        } catch (IOException e) {
            // Reading failed (a corrupt entry): writes report their own failures as UncheckedIOException.
            throw BundleRefusedException.archive("is not a readable zip: " + e.getMessage());
        }
    }

    private void extractTarGz(Path archive, Tree tree) {
        // The decompressed stream is bounded too: tar headers and long names are read into memory by the tar reader.
        long streamLimit = limits.maxExtractedBytes() + (limits.maxEntries() + 2L) * TAR_OVERHEAD_PER_ENTRY + (1 << 20);
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             InputStream gzip = GzipCompressorInputStream.builder().setInputStream(file).setDecompressConcatenated(true).get();
             TarArchiveInputStream tar = new TarArchiveInputStream(new Bounded(gzip, streamLimit))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                tree.count(name);
                if (entry.isSymbolicLink()) {
                    throw refused(name, "is a symbolic link to '" + EntryNames.printable(entry.getLinkName()) + "' (links are not allowed)");
                }
                if (entry.isLink()) {
                    throw refused(name, "is a hard link to '" + EntryNames.printable(entry.getLinkName()) + "' (links are not allowed)");
                }
                if (entry.isCharacterDevice() || entry.isBlockDevice()) {
                    throw refused(name, "is a device (only files and folders are allowed)");
                }
                if (entry.isFIFO()) {
                    throw refused(name, "is a FIFO (only files and folders are allowed)");
                }
                if (entry.isSparse()) {
                    throw refused(name, "is a sparse file (not supported)");
                }
                if (entry.isDirectory()) {
                    tree.directory(name);
                } else if (entry.isFile()) {
                    tree.file(name, tar);
                } else {
                    throw refused(name, "has an unsupported tar entry type '" + (char) entry.getLinkFlag() + "'");
                }
            }
        } catch (IOException e) {
            throw BundleRefusedException.archive("is not a readable tar.gz: " + e.getMessage());
        }
    }

    private static BundleRefusedException refused(String name, String problem) {
        return new BundleRefusedException(EntryNames.printable(name), problem);
    }

    /** What was written so far, and the rules every new entry must pass against it. */
    private final class Tree {
        private final Path root;
        /** Every path created (relative), true for a folder; implicit parents included. */
        private final Map<String, Boolean> paths = new HashMap<>();
        /** Folders the archive named itself (a second entry of the same name is a duplicate). */
        private final Set<String> namedFolders = new java.util.HashSet<>();
        private final byte[] buffer = new byte[64 * 1024];
        int entries;
        int files;
        long bytes;

        Tree(Path root) {
            this.root = root;
        }

        void count(String name) {
            entries++;
            if (entries > limits.maxEntries()) {
                throw refused(name, "is one entry too many: a bundle has at most " + limits.maxEntries() + " entries");
            }
        }

        void directory(String name) {
            String path = EntryNames.relativePath(name);
            if (path.isEmpty()) {
                return; // "./": the root itself
            }
            if (Boolean.FALSE.equals(paths.get(path))) {
                throw refused(name, "is a folder, but an earlier entry is a file of that name");
            }
            if (!namedFolders.add(path)) {
                throw refused(name, "is a duplicate entry");
            }
            parents(name, path);
            createFolder(path);
        }

        void file(String name, InputStream in) throws IOException {
            String path = EntryNames.relativePath(name);
            if (path.isEmpty()) {
                throw refused(name, "is a file without a name");
            }
            Boolean existing = paths.get(path);
            if (existing != null) {
                throw refused(name, existing ? "is a file, but an earlier entry is a folder of that name" : "is a duplicate entry");
            }
            parents(name, path);
            Path file = resolve(path);
            paths.put(path, false);
            files++;
            // CREATE_NEW and NOFOLLOW_LINKS: never write through anything already there (nothing should be).
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    if (bytes + n > limits.maxExtractedBytes()) {
                        throw refused(name, "makes the bundle larger than " + limits.maxExtractedBytes()
                                + " bytes extracted (a bundle's limit; the archive may be a zip bomb)");
                    }
                    write(out, file, n);
                    bytes += n;
                }
            } catch (UncheckedIOException | BundleRefusedException e) {
                throw e;
            } catch (IOException e) {
                // Opening or closing the output failed: our disk, not the archive.
                throw new UncheckedIOException("cannot write " + file, e);
            }
            setMode(file, FILE_MODE);
        }

        private void write(OutputStream out, Path file, int n) {
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        private void parents(String name, String path) {
            int slash = path.indexOf('/');
            while (slash >= 0) {
                String parent = path.substring(0, slash);
                Boolean isFolder = paths.get(parent);
                if (Boolean.FALSE.equals(isFolder)) {
                    throw refused(name, "lies under '" + parent + "', which an earlier entry made a file");
                }
                if (isFolder == null) {
                    createFolder(parent);
                }
                slash = path.indexOf('/', slash + 1);
            }
        }

        private void createFolder(String path) {
            if (paths.put(path, true) != null) {
                return;
            }
            Path folder = resolve(path);
            try {
                Files.createDirectory(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + folder, e);
            }
            setMode(folder, DIR_MODE);
        }

        private Path resolve(String path) {
            Path resolved = root.resolve(path).normalize();
            // EntryNames already refused every escaping name; this is the second lock on the same door.
            if (!resolved.startsWith(root) || resolved.equals(root)) {
                throw refused(path, "resolves outside the bundle");
            }
            return resolved;
        }

        private static void setMode(Path path, Set<PosixFilePermission> mode) {
            try {
                Files.setPosixFilePermissions(path, mode);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set the mode of " + path, e);
            }
        }
    }

    /** Fails (a refusal, not EOF) once more than {@code limit} bytes were read: a gzip bomb stops here. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long count;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes are still decompressed: count them through read().
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw BundleRefusedException.archive("decompresses to more than " + limit
                        + " bytes of tar stream (a bundle's extracted limit plus headers; the archive may be a gzip bomb)");
            }
        }
    }
}
