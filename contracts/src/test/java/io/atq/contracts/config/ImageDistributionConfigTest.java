package io.atq.contracts.config;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which images go by registry digest, and with which login: {@code distribution} and {@code registryAuth}. */
class ImageDistributionConfigTest {

    private static AtqConfig parse(String yaml) {
        return ConfigLoader.parse("test.yaml", new StringReader(yaml));
    }

    @Test
    void anImageNamingARegistryHostGoesByRegistryAndAShortNameStaysLocal() {
        AtqConfig config = parse("""
                probeImage: 127.0.0.1:5000/atq/probe:1
                images:
                  - imageName: atq/demo-worker:1
                  - imageName: docker.io/library/busybox:1.36
                  - imageName: 127.0.0.1:5000/atq/demo-master:1
                  - imageName: localhost/atq/x:1
                  - imageName: registry.example.com/team/load:2
                """);

        assertThat(config.images()).extracting(ImageRule::distribution).containsExactly(
                ImageDistribution.LOCAL, ImageDistribution.LOCAL, ImageDistribution.REGISTRY, ImageDistribution.REGISTRY,
                ImageDistribution.REGISTRY);
        assertThat(config.probeDistribution()).isEqualTo(ImageDistribution.REGISTRY);
        assertThat(parse("images: [{imageName: a/b:1}]").probeDistribution()).isEqualTo(ImageDistribution.LOCAL);
    }

    @Test
    void distributionOverridesTheDefaultEitherWay() {
        AtqConfig config = parse("""
                images:
                  - imageName: team/load:2
                    distribution: registry
                  - imageName: 127.0.0.1:5000/atq/demo-master:1
                    distribution: local
                """);

        assertThat(config.images()).extracting(ImageRule::distribution)
                .containsExactly(ImageDistribution.REGISTRY, ImageDistribution.LOCAL);
    }

    @Test
    void registryImagesTakeTheGlobalLoginUnlessTheyHaveTheirOwnAndLocalImagesNone() {
        AtqConfig config = parse("""
                registryAuth: {username: ci, passwordFile: /run/secrets/registry-password}
                images:
                  - imageName: 127.0.0.1:5000/atq/demo-worker:1
                  - imageName: other.example.com/atq/demo-master:1
                    registryAuth: {username: robot, passwordFile: /run/secrets/other}
                  - imageName: atq/probe:1
                """);

        RegistryAuth global = new RegistryAuth("ci", Path.of("/run/secrets/registry-password"));
        assertThat(config.registryAuth()).isEqualTo(global);
        assertThat(config.images().get(0).registryAuth()).isEqualTo(global);
        assertThat(config.images().get(1).registryAuth()).isEqualTo(new RegistryAuth("robot", Path.of("/run/secrets/other")));
        assertThat(config.images().get(2).registryAuth()).isNull();
    }

    @Test
    void refusesAnInlinePasswordARelativeFileABadDistributionAndALoginOnALocalImage() {
        assertRejected("registryAuth: {username: ci, password: hunter2}\nimages: [{imageName: a/b:1}]\n",
                "registryAuth.password", "unknown key");
        assertRejected("registryAuth: {username: ci, passwordFile: secrets/pw}\nimages: [{imageName: a/b:1}]\n",
                "registryAuth.passwordFile", "absolute path");
        assertRejected("registryAuth: {passwordFile: /pw}\nimages: [{imageName: a/b:1}]\n", "registryAuth.username", "is required");
        assertRejected("images: [{imageName: a/b:1, distribution: hub}]\n", "images[0].distribution", "must be registry");
        assertRejected("images: [{imageName: a/b:1, registryAuth: {username: ci, passwordFile: /pw}}]\n",
                "images[0].registryAuth", "only to an image with distribution registry");
    }

    private static void assertRejected(String yaml, String field, String problem) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.getField()).isEqualTo(field);
            assertThat(e.getMessage()).contains(problem).doesNotContain("hunter2");
        });
    }
}
