package io.atq.director.health;

import io.atq.director.swarm.NodeLabel;
import io.atq.director.swarm.SwarmClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.List;

/**
 * Which nodes may run task containers that bind the shared folder: those the operator labelled
 * {@code <label>=true} (atq.director.shared-folder-node-label). Lists the nodes with it and the nodes without it (each
 * with its state); UP either way, since a node without the share only narrows where tasks run, and a director
 * restarted for it would change nothing. With no ready node labelled, every task fails "cannot be placed", naming the
 * constraint.
 */
public final class SharedFolderNodesHealthIndicator extends AbstractHealthIndicator {
    private final SwarmClient swarm;
    private final String label;

    public SharedFolderNodesHealthIndicator(SwarmClient swarm, String label) {
        super("cannot list the swarm's nodes");
        this.swarm = swarm;
        this.label = label;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<NodeLabel> nodes = swarm.nodeLabels(label);
        List<String> with = nodes.stream().filter(n -> "true".equals(n.value())).map(n -> n.hostname() + " (" + n.state() + ")").toList();
        List<String> without = nodes.stream().filter(n -> !"true".equals(n.value())).map(n -> n.hostname() + " (" + n.state() + ")").toList();
        boolean anyReady = nodes.stream().anyMatch(n -> "true".equals(n.value()) && n.state().equals("ready"));
        builder.up().withDetail("label", label + "=true").withDetail("nodesWith", with).withDetail("nodesWithout", without)
                .withDetail("tasksCanRun", anyReady);
    }
}
