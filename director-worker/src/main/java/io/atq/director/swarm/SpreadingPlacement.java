package io.atq.director.swarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ServicePlacement;

import java.util.List;
import java.util.Map;

/**
 * docker-java 3.7.1's {@link ServicePlacement} has constraints and {@code MaxReplicas} but no {@code Preferences};
 * Engine API 1.41 takes them as {@code [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}]}.
 */
final class SpreadingPlacement extends ServicePlacement {
    private static final long serialVersionUID = 1L;

    @JsonProperty("Preferences")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private final List<Map<String, Map<String, String>>> preferences;

    SpreadingPlacement(List<String> spreadOver) {
        this.preferences = spreadOver.stream().map(d -> Map.of("Spread", Map.of("SpreadDescriptor", d))).toList();
    }

    List<Map<String, Map<String, String>>> getPreferences() {
        return preferences;
    }
}
