package io.atq.director.swarm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A replicated Swarm service to create. Every service ATQ creates uses {@code dnsrr} endpoint mode (this kernel
 * has no IPVS, so virtual IPs do not route) and restart condition {@code none} (a task's containers run once).
 *
 * @param name             service name
 * @param imageId          a local image ID ({@code sha256:…}); a tag would make the Swarm executor pull
 * @param replicas         number of replicas
 * @param command          entry command, or empty for the image's own
 * @param env              environment variables
 * @param networkId        the overlay network to attach to
 * @param labels           labels of the service and of its containers
 * @param mounts           bind mounts
 * @param stopGracePeriod  how long a container may take to stop before SIGKILL
 */
public record ServiceDefinition(String name, String imageId, int replicas, List<String> command, Map<String, String> env,
                                String networkId, Map<String, String> labels, List<BindMount> mounts,
                                Duration stopGracePeriod) {
    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(imageId, "imageId");
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, was " + replicas + " (service " + name + ")");
        }
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
    }
}
