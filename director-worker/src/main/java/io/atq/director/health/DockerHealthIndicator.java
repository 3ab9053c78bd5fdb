package io.atq.director.health;

import io.atq.director.swarm.NodeInfo;
import io.atq.director.swarm.SwarmClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when Docker answers and this node is a Swarm manager (a director creates services, which only managers can). */
public final class DockerHealthIndicator extends AbstractHealthIndicator {
    private final SwarmClient swarm;

    public DockerHealthIndicator(SwarmClient swarm) {
        super("Docker is not reachable");
        this.swarm = swarm;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        NodeInfo node = swarm.node();
        builder.withDetail("serverVersion", node.serverVersion())
                .withDetail("swarm", node.swarmState())
                .withDetail("manager", node.manager());
        if (node.manager()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "this node is not a Swarm manager (swarm " + node.swarmState() + ")");
        }
    }
}
