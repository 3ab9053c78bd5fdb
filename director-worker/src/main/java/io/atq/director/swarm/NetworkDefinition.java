package io.atq.director.swarm;

import java.util.Map;

/**
 * An overlay network to create: attachable (so a debugging container can join), not internal.
 *
 * @param name   network name
 * @param labels its labels
 */
public record NetworkDefinition(String name, Map<String, String> labels) {
    public NetworkDefinition {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
