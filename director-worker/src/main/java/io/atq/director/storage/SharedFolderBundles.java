package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test-data bundles as gateways store them: {@link io.atq.contracts.names.SharedFolderLayout#bundleContent} holds a bundle's files. */
public final class SharedFolderBundles {
    private SharedFolderBundles() {
    }

    /** Where the bundle's files are (whether or not they exist). */
    public static Path content(AtqConfig config, String bundleId) {
        return config.sharedFolder().bundleContent(bundleId);
    }

    /** Whether the bundle's files are there: gateways place a bundle's folder complete, in one rename. */
    public static boolean present(AtqConfig config, String bundleId) {
        return Files.isDirectory(content(config, bundleId));
    }
}
