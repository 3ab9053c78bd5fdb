package io.atq.director.swarm;

import java.util.Map;

/**
 * A replicated service's desired size, from its Swarm spec.
 *
 * @param name     service name
 * @param labels   its labels
 * @param replicas {@code Mode.Replicated.Replicas} of its spec
 */
public record ServiceReplicas(String name, Map<String, String> labels, int replicas) {
    public ServiceReplicas {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
