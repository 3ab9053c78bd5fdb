package io.atq.director.swarm;

import io.atq.contracts.names.Labels;

import java.util.Map;

/**
 * A service, network or container found by its labels.
 *
 * @param id     Docker's id
 * @param name   its name
 * @param labels its labels
 */
public record SwarmObject(String id, String name, Map<String, String> labels) {
    public SwarmObject {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The value of the {@code atq.role} label, or empty. */
    public String role() {
        return labels.getOrDefault(Labels.ROLE, "");
    }
}
