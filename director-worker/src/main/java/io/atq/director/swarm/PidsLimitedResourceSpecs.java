package io.atq.director.swarm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ResourceSpecs;

/**
 * docker-java 3.7.1's {@link ResourceSpecs} has no {@code Pids}; Engine API 1.41 accepts it in
 * {@code TaskTemplate.Resources.Limits} and Docker 20.10.24 applies it (container {@code HostConfig.PidsLimit}).
 */
final class PidsLimitedResourceSpecs extends ResourceSpecs {
    private static final long serialVersionUID = 1L;

    @JsonProperty("Pids")
    private final long pids;

    PidsLimitedResourceSpecs(long pids) {
        this.pids = pids;
    }

    long getPids() {
        return pids;
    }
}
