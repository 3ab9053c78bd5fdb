package io.atq.contracts.config;

import io.atq.contracts.images.ImageReference;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceLimitsConfigTest {
    private static final long MIB = 1024L * 1024;

    private static AtqConfig parse(String yaml) {
        return ConfigLoader.parse("test.yaml", new StringReader(yaml));
    }

    private static void assertRejected(String yaml, int line, String field, String problem) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml:" + line + ": " + field + ": " + problem)
                .satisfies(e -> assertThat(((ConfigException) e).getField()).isEqualTo(field));
    }

    private static final String CONFIG = """
            limits:
              defaultResources: {memory: 256m, cpus: 0.5, pids: 256}
              maxResources:
                memory: 2g
                cpus: 2
                pids: 1024
            images:
              - imageName: atq/demo-worker:1
              - imageName: atq/demo-master:1
                resources: {memory: 1g, cpus: 1.25}
            """;

    @Test
    void readsDefaultAndMaximumResourcesWithUnits() {
        Limits limits = parse(CONFIG).limits();
        assertThat(limits.defaultResources()).isEqualTo(new Resources(256 * MIB, 500_000_000L, 256));
        assertThat(limits.maxResources()).isEqualTo(new Resources(2048 * MIB, 2_000_000_000L, 1024));
    }

    @Test
    void anImageOverridesSomeFieldsAndKeepsTheDefaultForTheRest() {
        AtqConfig config = parse(CONFIG);
        assertThat(config.resourcesFor(ImageReference.parse("atq/demo-master:1"))).isEqualTo(new Resources(1024 * MIB, 1_250_000_000L, 256));
        assertThat(config.resourcesFor(ImageReference.parse("atq/demo-worker:1"))).isEqualTo(config.limits().defaultResources());
        assertThat(config.resourcesFor(ImageReference.parse("atq/probe:1"))).isEqualTo(config.limits().defaultResources());
    }

    @Test
    void withoutResourceSettingsEveryContainerStillGetsLimits() {
        AtqConfig config = parse("images:\n  - imageName: atq/demo-worker:1\n");
        assertThat(config.limits().defaultResources()).isEqualTo(Resources.DEFAULT);
        assertThat(config.limits().maxResources()).isEqualTo(Resources.MAXIMUM);
        assertThat(ConfigLoader.loadEmbedded().limits().defaultResources()).isEqualTo(new Resources(256 * MIB, 500_000_000L, 256));
    }

    @Test
    void refusesAnImageAskingForMoreThanTheMaximum() {
        assertRejected(CONFIG.replace("memory: 1g, cpus: 1.25", "memory: 3g"), 10, "images[1].resources.memory", "exceeds limits.maxResources.memory");
    }

    @Test
    void refusesDefaultsAboveTheMaximum() {
        assertRejected(CONFIG.replace("pids: 256}", "pids: 4096}"), 2, "limits.defaultResources.pids", "exceeds limits.maxResources.pids");
    }

    @Test
    void refusesMalformedQuantitiesNamingTheField() {
        assertRejected(CONFIG.replace("memory: 256m", "memory: lots"), 2, "limits.defaultResources.memory", "must be a size such as 256m");
        assertRejected(CONFIG.replace("memory: 256m", "memory: 1m"), 2, "limits.defaultResources.memory", "must be between 6m and 1024g");
        assertRejected(CONFIG.replace("cpus: 0.5", "cpus: 0.001"), 2, "limits.defaultResources.cpus", "must be between 0.01 and 256");
        assertRejected(CONFIG.replace("cpus: 2\n", "cpus: two\n"), 5, "limits.maxResources.cpus", "must be a number of CPUs");
        assertRejected(CONFIG.replace("pids: 256}", "pids: 3}"), 2, "limits.defaultResources.pids", "must be between 16 and 1000000");
        assertRejected(CONFIG.replace("cpus: 1.25}", "cpus: 1, swap: 1g}"), 10, "images[1].resources.swap", "unknown key");
    }
}
