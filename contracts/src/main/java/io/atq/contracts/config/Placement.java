package io.atq.contracts.config;

import java.util.List;

/**
 * Where Swarm may put a whitelisted image's containers (Swarm {@code TaskTemplate.Placement}).
 *
 * @param maxReplicasPerNode most containers of one service on one node; 0 = no limit (Swarm {@code MaxReplicas}, API 1.40)
 * @param constraints        Swarm constraint expressions, e.g. {@code node.role==worker} (keep load generators off managers)
 * @param spreadOver         node label descriptors to spread over, e.g. {@code node.labels.zone} (Swarm preferences)
 */
public record Placement(int maxReplicasPerNode, List<String> constraints, List<String> spreadOver) {
    /** No placement rules: Swarm decides. */
    public static final Placement ANYWHERE = new Placement(0, List.of(), List.of());

    public Placement {
        constraints = List.copyOf(constraints);
        spreadOver = List.copyOf(spreadOver);
    }
}
