package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test-data bundles as gateways store them: {@code <sharedPath>/bundles/<id>/content} holds a bundle's files. */
public final class SharedFolderBundles {
    /** The folder of extracted files inside a bundle's folder. */
    public static final String CONTENT = "content";

    private SharedFolderBundles() {
    }

    /** Where the bundle's files are (whether or not they exist). */
    public static Path content(AtqConfig config, String bundleId) {
        return config.bundleFolder(bundleId).resolve(CONTENT);
    }

    /** Whether the bundle's files are there: gateways place a bundle's folder complete, in one rename. */
    public static boolean present(AtqConfig config, String bundleId) {
        return Files.isDirectory(content(config, bundleId));
    }
}
