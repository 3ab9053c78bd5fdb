package io.atq.gateway.bundles;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where bundles are kept: content-addressed by the SHA-256 of their archive, each extracted once. */
public interface BundleStore {

    /** A fresh file for receiving one upload; the caller deletes it if it never reaches {@link #store}. */
    Path newUploadFile();

    /**
     * Stores the upload (consuming its file): extracts it unless a bundle with its id exists, in which case
     * {@code client} is recorded as one more uploader.
     *
     * @throws BundleRefusedException the archive is not acceptable; nothing is left behind
     * @throws java.io.UncheckedIOException the shared folder failed; nothing is left behind
     */
    StoredBundle store(Upload upload, String client);

    /** The bundle, if stored (complete). */
    Optional<BundleInfo> find(String id);

    /** Whether the bundle is stored (complete). */
    boolean exists(String id);

    /** Every stored bundle, newest first. */
    List<BundleInfo> list();

    /**
     * Removes the bundle.
     *
     * @return false if there was none
     */
    boolean delete(String id);
}
