package io.atq.director.swarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atq.contracts.config.Placement;
import io.atq.contracts.config.Resources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An image's placement rules reach the service spec as Swarm's Placement: MaxReplicas, Constraints, Preferences. */
class PlacementSpecTest {

    private static String json(Placement placement) throws Exception {
        ServiceDefinition service = new ServiceDefinition("atq-t-workers", "sha256:abc", 4, List.of(), Map.of(), "net-1",
                Map.of("atq.task", "t"), List.of(), Duration.ofSeconds(2), Resources.DEFAULT, placement);
        // docker-java writes request bodies with Jackson 2 from these model objects, leaving out nulls.
        return new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL).writeValueAsString(DockerSwarmClient.toSpec(service));
    }

    @Test
    void sendsMaxReplicasPerNodeConstraintsAndSpreadPreferences() throws Exception {
        String json = json(new Placement(2, List.of("node.role==worker"), List.of("node.labels.zone")));

        assertThat(json).contains("\"Placement\":{")
                .contains("\"MaxReplicas\":2")
                .contains("\"Constraints\":[\"node.role==worker\"]")
                .contains("\"Preferences\":[{\"Spread\":{\"SpreadDescriptor\":\"node.labels.zone\"}}]");
    }

    @Test
    void leavesOutWhatTheImageDoesNotAskFor() throws Exception {
        String json = json(new Placement(0, List.of("node.role==worker"), List.of()));

        assertThat(json).contains("\"Constraints\":[\"node.role==worker\"]").doesNotContain("MaxReplicas").doesNotContain("Preferences");
    }

    @Test
    void sendsNoPlacementForAnImageWithoutRules() throws Exception {
        assertThat(json(Placement.ANYWHERE)).doesNotContain("\"Placement\"");
    }
}
