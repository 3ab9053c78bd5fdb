package io.atq.results;

import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Real JMeter (5.6.3, from Maven Central) run in this JVM without its GUI, as {@code jmeter -n} runs a plan: its
 * home is a temporary folder holding the {@code bin/} files of the {@code ApacheJMeter_config} jar, and its properties
 * are the shipped {@code jmeter.properties}, so results are saved as JMeter saves them by default.
 *
 * <p>JMeter keeps its properties and engine in statics: one installation per JVM, one plan at a time.
 */
final class EmbeddedJMeter {
    private EmbeddedJMeter() {
    }

    /** Unpacks JMeter's {@code bin/} files into {@code home} and loads its properties from there. */
    static EmbeddedJMeter install(Path home) throws IOException {
        InMemoryPreferences.install();
        Path bin = home.resolve("bin");
        unpackBin(bin);
        // JMeter looks for plugins in lib/ext of its home; an empty one keeps the search inside the temporary folder.
        Files.createDirectories(home.resolve("lib/ext"));
        JMeterUtils.setJMeterHome(home.toString());
        JMeterUtils.loadJMeterProperties(bin.resolve("jmeter.properties").toString());
        // CSV with a header row is already the shipped default; said here because the test depends on it.
        JMeterUtils.setProperty("jmeter.save.saveservice.output_format", "csv");
        JMeterUtils.setProperty("jmeter.save.saveservice.print_field_names", "true");
        JMeterUtils.initLocale();
        return new EmbeddedJMeter();
    }

    /** Runs {@code plan} to its end, as long as it takes up to {@code timeout}. */
    void run(HashTree plan, Duration timeout) throws Exception {
        StandardJMeterEngine engine = new StandardJMeterEngine();
        engine.configure(plan);
        engine.runTest();
        try {
            engine.awaitTermination(timeout);
        } catch (TimeoutException e) {
            engine.stopTest(true);
            throw e;
        }
    }

    /** The top-level files of {@code bin/} (properties, log4j2.xml); not the report and plan templates. */
    private static void unpackBin(Path bin) throws IOException {
        URL properties = Objects.requireNonNull(EmbeddedJMeter.class.getClassLoader().getResource("bin/jmeter.properties"),
                "no bin/jmeter.properties on the class path: ApacheJMeter_config is missing");
        Files.createDirectories(bin);
        JarURLConnection connection = (JarURLConnection) properties.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith("bin/") && !entry.isDirectory() && name.indexOf('/', 4) < 0) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, bin.resolve(name.substring(4)));
                    }
                }
            }
        }
    }
}
