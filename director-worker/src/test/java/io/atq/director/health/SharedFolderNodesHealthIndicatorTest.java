package io.atq.director.health;

import io.atq.director.support.FakeSwarmClient;
import io.atq.director.swarm.NodeLabel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared-folder node label's health lists the nodes with and without it, and whether any ready node can run tasks. */
class SharedFolderNodesHealthIndicatorTest {
    private final FakeSwarmClient swarm = new FakeSwarmClient();

    @Test
    void listsTheNodesWithAndWithoutTheLabelAndStaysUp() {
        swarm.nodeLabels(List.of(new NodeLabel("node1", "ready", "true"), new NodeLabel("node2", "down", "true"),
                new NodeLabel("node3", "ready", null), new NodeLabel("node4", "ready", "false")));

        Health health = new SharedFolderNodesHealthIndicator(swarm, "atq.shared").health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("label", "atq.shared=true")
                .containsEntry("nodesWith", List.of("node1 (ready)", "node2 (down)"))
                .containsEntry("nodesWithout", List.of("node3 (ready)", "node4 (ready)"))
                .containsEntry("tasksCanRun", true);
    }

    @Test
    void saysNoTaskCanRunWhenNoReadyNodeHasTheLabel() {
        swarm.nodeLabels(List.of(new NodeLabel("node1", "down", "true"), new NodeLabel("node2", "ready", null)));

        Health health = new SharedFolderNodesHealthIndicator(swarm, "atq.shared").health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("tasksCanRun", false).containsEntry("nodesWithout", List.of("node2 (ready)"));
    }
}
