package io.atq.director.swarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ContainerSpec;

import java.util.List;
import java.util.Map;

/**
 * docker-java 3.7.1's {@link ContainerSpec} lacks {@code CapabilityAdd}/{@code CapabilityDrop} (Engine API 1.41,
 * Docker 20.10): this adds {@code CapabilityDrop} to the JSON it sends. Swarm has no privileged flag at all, and ATQ
 * never sends {@code CapabilityAdd}. It lacks {@code Sysctls} (API 1.40) too, which the discovery probe sets.
 */
final class HardenedContainerSpec extends ContainerSpec {
    private static final long serialVersionUID = 1L;

    @JsonProperty("CapabilityDrop")
    private final List<String> capabilityDrop;

    @JsonProperty("Sysctls")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private final Map<String, String> sysctls;

    HardenedContainerSpec(List<String> capabilityDrop, Map<String, String> sysctls) {
        this.capabilityDrop = List.copyOf(capabilityDrop);
        this.sysctls = Map.copyOf(sysctls);
    }

    List<String> getCapabilityDrop() {
        return capabilityDrop;
    }

    Map<String, String> getSysctls() {
        return sysctls;
    }
}
