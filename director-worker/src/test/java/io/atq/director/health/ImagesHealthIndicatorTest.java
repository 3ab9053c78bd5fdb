package io.atq.director.health;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.director.support.FakeSwarmClient;
import io.atq.director.support.Journal;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The director's {@code images} health: each image's distribution, DOWN only for a missing local one. */
class ImagesHealthIndicatorTest {
    private static final AtqConfig CONFIG = ConfigLoader.parse("test", new StringReader("""
            probeImage: 127.0.0.1:5000/atq/probe:1
            images:
              - imageName: atq/demo-worker:1
              - imageName: 127.0.0.1:5000/atq/demo-master:1
            """));

    private final FakeSwarmClient swarm = new FakeSwarmClient(new Journal());

    @Test
    void saysEachImagesDistributionAndIsUpWhenTheLocalOnesAreHere() {
        Health health = new ImagesHealthIndicator(swarm, CONFIG).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("distribution", Map.of("atq/demo-worker:1", "local",
                "127.0.0.1:5000/atq/demo-master:1", "registry", "127.0.0.1:5000/atq/probe:1", "registry"));
        assertThat(health.getDetails()).containsEntry("missing", List.of());
    }

    @Test
    void isDownForAMissingLocalImageButNeverLooksForRegistryOnes() {
        swarm.missingImage("atq/demo-worker:1").missingImage("127.0.0.1:5000/atq/demo-master:1").missingImage("127.0.0.1:5000/atq/probe:1");

        Health health = new ImagesHealthIndicator(swarm, CONFIG).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("missing", List.of("atq/demo-worker:1"));
    }
}
