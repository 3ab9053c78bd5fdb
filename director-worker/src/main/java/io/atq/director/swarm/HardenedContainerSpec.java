package io.atq.director.swarm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ContainerSpec;

import java.util.List;

/**
 * docker-java 3.7.1's {@link ContainerSpec} lacks {@code CapabilityAdd}/{@code CapabilityDrop} (Engine API 1.41,
 * Docker 20.10): this adds {@code CapabilityDrop} to the JSON it sends. Swarm has no privileged flag at all, and ATQ
 * never sends {@code CapabilityAdd}.
 */
final class HardenedContainerSpec extends ContainerSpec {
    private static final long serialVersionUID = 1L;

    @JsonProperty("CapabilityDrop")
    private final List<String> capabilityDrop;

    HardenedContainerSpec(List<String> capabilityDrop) {
        this.capabilityDrop = List.copyOf(capabilityDrop);
    }

    List<String> getCapabilityDrop() {
        return capabilityDrop;
    }
}
