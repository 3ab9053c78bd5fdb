package io.atq.director.swarm;

/**
 * What the Docker engine says about itself.
 *
 * @param serverVersion   engine version
 * @param swarmState      local node state ({@code active}, {@code inactive}, …)
 * @param manager         whether this node is a Swarm manager (can create services)
 */
public record NodeInfo(String serverVersion, String swarmState, boolean manager) {
}
