package io.atq.gateway;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test YAML ({@code atq-test.yaml}) with its shared path pointed at a temp folder. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** The test configuration, parsed, with {@code sharedPath} = {@code sharedPath}. */
    public static AtqConfig load(Path sharedPath) {
        return ConfigLoader.parse("atq-test.yaml", new StringReader(text(sharedPath)));
    }

    /** The test configuration with a fresh temp shared folder. */
    public static AtqConfig load() {
        return load(tempDir("atq-shared-"));
    }

    /** Writes the test configuration (with a fresh temp shared folder) to a temp file; returns the file. */
    public static Path write() {
        try {
            Path file = Files.createTempFile("atq-test-", ".yaml");
            Files.writeString(file, text(tempDir("atq-shared-")));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path sharedPath) {
        try (InputStream in = TestConfigs.class.getResourceAsStream("/atq-test.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SHARED_PATH", sharedPath.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
