package io.atq.gateway.bundles;

import io.atq.contracts.names.SharedFolderLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link BundleStore} in {@code <sharedPath>/bundles/} (the folder every Swarm node mounts; {@link SharedFolderLayout}):
 * <pre>
 * bundles/.incoming/            uploads being received, bundles being extracted or deleted
 * bundles/&lt;id&gt;/bundle.json     metadata ({@link BundleInfo})
 * bundles/&lt;id&gt;/bundle.zip|.tar.gz  the archive as uploaded (sha256sum of it = id)
 * bundles/&lt;id&gt;/content/        the extracted files, mounted read-only at /atq/data
 * </pre>
 * A bundle is assembled in {@code .incoming} and renamed into place in one step, so {@code bundles/<id>} exists only
 * complete: directors and other gateways never see half a bundle, and two gateways storing the same archive at
 * once both end with the one that won the rename. Deletion renames it away first, for the same reason.
 */
public final class SharedFolderBundleStore implements BundleStore {
    private static final Logger log = LoggerFactory.getLogger(SharedFolderBundleStore.class);
    /** Bundle ids: SHA-256, lower-case hex. Anything else never reaches a path. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    /** The metadata file in a bundle's folder. */
    public static final String METADATA = "bundle.json";
    static final String INCOMING = ".incoming";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;
    private final BundleExtractor extractor;
    private final Clock clock;

    /**
     * @param root      {@link SharedFolderLayout#bundles()}
     * @param extractor extracts with the configured limits
     */
    public SharedFolderBundleStore(Path root, BundleExtractor extractor, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.extractor = extractor;
        this.clock = clock;
    }

    @Override
    public Path newUploadFile() {
        return incoming().resolve(UUID.randomUUID() + ".upload");
    }

    @Override
    public StoredBundle store(Upload upload, String client) {
        requireId(upload.sha256());
        try {
            ArchiveFormat format = format(upload);
            Optional<BundleInfo> existing = find(upload.sha256());
            if (existing.isPresent()) {
                return new StoredBundle(addClient(existing.get(), client), false);
            }
            return extractAndPlace(upload, format, client);
        } finally {
            deleteQuietly(upload.file());
        }
    }

    private StoredBundle extractAndPlace(Upload upload, ArchiveFormat format, String client) {
        String id = upload.sha256();
        Path staging = incoming().resolve(UUID.randomUUID() + ".bundle");
        try {
            Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Path content = Files.createDirectory(staging.resolve(SharedFolderLayout.BUNDLE_CONTENT));
            Files.setPosixFilePermissions(content, PosixFilePermissions.fromString("rwxr-xr-x"));
            Extraction extraction = extractor.extract(upload.file(), format, content);
            Path archive = staging.resolve(format.fileName());
            Files.move(upload.file(), archive);
            Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
            BundleInfo info = new BundleInfo(id, format.label(), upload.size(), extraction.entries(), extraction.files(),
                    extraction.extractedBytes(), client, clock.instant(), List.of(client));
            writeMetadata(staging, info);
            try {
                Files.move(staging, folder(id), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another upload of the same archive (here or on another gateway) was placed first: keep that one.
                log.debug("bundle {}: stored concurrently by another upload, keeping that one", id);
                deleteTree(staging);
                BundleInfo placed = find(id).orElseThrow(() -> new UncheckedIOException("bundle " + id + " vanished", e));
                return new StoredBundle(addClient(placed, client), false);
            }
            log.info("bundle {}: stored ({}, {} bytes, {} entries, {} bytes extracted) for client {}", id, format.label(),
                    upload.size(), extraction.entries(), extraction.extractedBytes(), client);
            return new StoredBundle(info, true);
        } catch (IOException e) {
            deleteTree(staging);
            throw new UncheckedIOException("cannot store bundle " + id + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    /** The declared format must match the first bytes; without a declared format the first bytes decide. */
    private static ArchiveFormat format(Upload upload) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(upload.file())) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload " + upload.file(), e);
        }
        Optional<ArchiveFormat> detected = ArchiveFormat.ofMagic(head, n);
        if (detected.isEmpty()) {
            throw BundleRefusedException.archive("is neither a zip nor a gzip file (first bytes "
                    + HexFormat.ofDelimiter(" ").formatHex(head, 0, n) + ")");
        }
        if (upload.declared() != null && upload.declared() != detected.get()) {
            throw BundleRefusedException.archive("Content-Type declares " + upload.declared().label() + " but the bytes are "
                    + detected.get().label());
        }
        return detected.get();
    }

    @Override
    public Optional<BundleInfo> find(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path metadata = folder(id).resolve(METADATA);
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(metadata), BundleInfo.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metadata, e);
        } catch (JacksonException e) {
            log.warn("bundle {}: unreadable {}: {}", id, metadata, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String id) {
        return ID.matcher(id).matches() && Files.isRegularFile(folder(id).resolve(METADATA));
    }

    @Override
    public List<BundleInfo> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<BundleInfo> bundles = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, entry -> ID.matcher(entry.getFileName().toString()).matches())) {
            for (Path folder : folders) {
                find(folder.getFileName().toString()).ifPresent(bundles::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        bundles.sort(Comparator.comparing(BundleInfo::uploadedAt).reversed().thenComparing(BundleInfo::id));
        return bundles;
    }

    @Override
    public boolean delete(String id) {
        if (!exists(id)) {
            return false;
        }
        Path doomed = incoming().resolve(UUID.randomUUID() + ".deleting");
        try {
            Files.move(folder(id), doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            log.debug("bundle {}: deleted concurrently", id);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete bundle " + id + ": " + e.getMessage(), e);
        }
        deleteTree(doomed);
        log.info("bundle {}: deleted", id);
        return true;
    }

    /** Records one more uploader; the metadata is replaced by a rename, so readers never see half a file. */
    private synchronized BundleInfo addClient(BundleInfo info, String client) {
        BundleInfo updated = info.withClient(client);
        if (updated != info) {
            try {
                writeMetadata(folder(info.id()), updated);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update bundle " + info.id() + ": " + e.getMessage(), e);
            }
        }
        return updated;
    }

    private void writeMetadata(Path folder, BundleInfo info) throws IOException {
        Path temp = folder.resolve(METADATA + "." + UUID.randomUUID() + ".tmp");
        Files.write(temp, JSON.writeValueAsBytes(info));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        try {
            Files.move(temp, folder.resolve(METADATA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, folder.resolve(METADATA), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path folder(String id) {
        requireId(id);
        return root.resolve(id);
    }

    private Path incoming() {
        Path incoming = root.resolve(INCOMING);
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + incoming, e);
        }
        return incoming;
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a bundle id (64 lower-case hex digits): " + id);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    /** Deletes a folder this store created; links are not followed (there are none: the extractor refuses them). */
    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(SharedFolderBundleStore::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot delete {}: {}", folder, e.getMessage());
        }
    }
}
