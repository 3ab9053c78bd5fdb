package io.atq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration the bench's gateways and director run with: the resource {@code atq-bench.yaml} of this module
 * (the demo images' whitelist and the clients of {@link AtqHttp#SUBMIT_TOKENS}), its {@code {work}} placeholder
 * replaced by the run's folder so that task folders live in {@code <work>/shared}.
 */
final class BenchConfig {
    static final String RESOURCE = "atq-bench.yaml";
    static final String WORK_PLACEHOLDER = "{work}";

    private BenchConfig() {
    }

    /** The resource's text with the run's folder in place of {@code {work}}. */
    static String render(Path work) {
        try (InputStream in = BenchConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(WORK_PLACEHOLDER, work.toAbsolutePath().normalize().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <work>/atq-bench.yaml}, kept with the run's logs. */
    static void write(Path work) throws IOException {
        Files.writeString(work.resolve(RESOURCE), render(work));
    }
}
