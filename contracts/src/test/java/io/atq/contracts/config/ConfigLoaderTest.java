package io.atq.contracts.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static AtqConfig parse(String yaml) {
        return ConfigLoader.parse("test.yaml", new StringReader(yaml));
    }

    private static void assertRejected(String yaml, int line, String field, String problem) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:" + line)
                .hasMessageContaining(field)
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    ConfigException config = (ConfigException) e;
                    assertThat(config.getLine()).isEqualTo(line);
                    assertThat(config.getField()).isEqualTo(field);
                });
    }

    private static final String IMAGES = """
            images:
              - imageName: atq/demo-worker:1
                args:
                  - name: MODE
                    required: true
            """;

    @Test
    void embeddedDefaultServesTheDemoImagesWithoutPulling() {
        AtqConfig config = ConfigLoader.load(null);
        assertThat(config.source()).isEqualTo("classpath:atq-default.yaml");
        assertThat(config.pullImages()).isFalse();
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.probeImage()).isEqualTo("atq/probe:1");
        assertThat(config.images()).extracting(ImageRule::imageName).contains("atq/demo-worker:1", "atq/demo-master:1");
    }

    @Test
    void aConfigurationWithoutProbeImageUsesTheSameProbeAsTheEmbeddedOne() {
        // One default everywhere: an operator's file that names no probe must not ask for an image compose/dev never builds.
        assertThat(parse(IMAGES).probeImage()).isEqualTo(ConfigLoader.load(null).probeImage());
    }

    @Test
    void appliesDefaultsForOmittedKeys() {
        AtqConfig config = parse(IMAGES);
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.sharedPath()).isEqualTo(Path.of("/var/lib/atq"));
        assertThat(config.pullImages()).isTrue();
        assertThat(config.probeImage()).isEqualTo(ConfigLoader.DEFAULT_PROBE_IMAGE);
        assertThat(config.limits()).isEqualTo(new Limits(50, Duration.ofHours(2)));
        assertThat(config.images().getFirst().arg("MODE")).hasValueSatisfying(a -> assertThat(a.required()).isTrue());
    }

    @Test
    void acceptsTheOriginalsGlusterPathName() {
        assertThat(parse("glusterPath: /mnt/gluster\n" + IMAGES).sharedPath()).isEqualTo(Path.of("/mnt/gluster"));
    }

    @Test
    void refusesBothSharedPathAndGlusterPath() {
        assertRejected("sharedPath: /a\nglusterPath: /b\n" + IMAGES, 2, "glusterPath", "not both");
    }

    @Test
    void namesLineAndFieldOfAnOutOfRangeNumber() {
        assertRejected("limits:\n  maxReplicas: 0\n" + IMAGES, 2, "limits.maxReplicas", "between 1 and 1000");
    }

    @Test
    void refusesUnknownKeysSoTyposDoNotFallBackToDefaults() {
        assertRejected("pullImage: false\n" + IMAGES, 1, "pullImage", "unknown key");
    }

    @Test
    void refusesATimeoutThatIsNotAnIsoDuration() {
        assertRejected("limits:\n  maxTimeout: 2h\n" + IMAGES, 2, "limits.maxTimeout", "ISO-8601");
    }

    @Test
    void refusesReservedArgNamesInTheWhitelist() {
        assertRejected("images:\n  - imageName: a/b:1\n    args:\n      - name: REMOTES\n", 4, "images[0].args[0].name", "reserved");
        assertRejected("images:\n  - imageName: a/b:1\n    args:\n      - name: ATQ_SECRET\n", 4, "images[0].args[0].name", "reserved");
    }

    @Test
    void refusesAnInvalidImageNameAndDuplicates() {
        assertRejected("images:\n  - imageName: Not/Valid\n", 2, "images[0].imageName", "not a valid image reference");
        assertRejected("images:\n  - imageName: busybox\n  - imageName: docker.io/library/busybox:latest\n", 3,
                "images[1].imageName", "listed twice");
    }

    @Test
    void refusesWrongTypes() {
        assertRejected("pullImages: maybe\n" + IMAGES, 1, "pullImages", "true or false");
        assertRejected("port: [1]\n" + IMAGES, 1, "port", "single value");
        assertRejected("sharedPath: relative/dir\n" + IMAGES, 1, "sharedPath", "absolute");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        assertThatThrownBy(() -> parse("port: 8080\nimages: [\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("test.yaml:").hasMessageContaining("not valid YAML");
    }

    @Test
    void requiresAWhitelist() {
        assertThatThrownBy(() -> parse("port: 8080\n")).isInstanceOf(ConfigException.class).hasMessageContaining("images");
    }

    @Test
    void loadsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("atq.yaml");
        Files.writeString(file, "port: 9090\n" + IMAGES);
        assertThat(ConfigLoader.load(file.toString()).port()).isEqualTo(9090);
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml").hasMessageContaining("no such file");
    }
}
