package io.atq.director.swarm;

import io.atq.contracts.config.Placement;
import io.atq.contracts.config.RegistryAuth;
import io.atq.contracts.config.Resources;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A replicated Swarm service to create. Every service ATQ creates uses {@code dnsrr} endpoint mode (this kernel
 * has no IPVS, so virtual IPs do not route), restart condition {@code none} (a task's containers run once), hard
 * resource limits, no published port, and no capability beyond Docker's default set minus a few it never needs.
 *
 * @param name             service name
 * @param imageId          a local image ID ({@code sha256:…}), or a reference pinned to a digest ({@code repo@sha256:…},
 *                         which a node that lacks it pulls); never a bare tag, which each node would resolve on its own
 * @param replicas         number of replicas
 * @param command          entry command, or empty for the image's own
 * @param env              environment variables
 * @param networkId        the overlay network to attach to
 * @param labels           labels of the service and of its containers
 * @param mounts           bind mounts
 * @param stopGracePeriod  how long a container may take to stop before SIGKILL
 * @param resources        hard limits of each container (memory, CPU, processes)
 * @param placement        where Swarm may put the containers (the image's whitelist entry)
 * @param sysctls          namespaced kernel settings of each container (only the discovery probe sets any)
 * @param registryAuth     the login nodes pull the image with (sent as {@code X-Registry-Auth}; Swarm keeps it for its
 *                         nodes), or null: anonymous pulls, or none
 */
public record ServiceDefinition(String name, String imageId, int replicas, List<String> command, Map<String, String> env,
                                String networkId, Map<String, String> labels, List<BindMount> mounts,
                                Duration stopGracePeriod, Resources resources, Placement placement, Map<String, String> sysctls,
                                @Nullable RegistryAuth registryAuth) {
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
        Objects.requireNonNull(resources, "resources");
        placement = placement == null ? Placement.ANYWHERE : placement;
        sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
    }

    /** A service whose nodes pull anonymously (if they pull). */
    public ServiceDefinition(String name, String imageId, int replicas, List<String> command, Map<String, String> env,
                             String networkId, Map<String, String> labels, List<BindMount> mounts, Duration stopGracePeriod,
                             Resources resources, Placement placement, Map<String, String> sysctls) {
        this(name, imageId, replicas, command, env, networkId, labels, mounts, stopGracePeriod, resources, placement, sysctls, null);
    }

    /** A service without kernel settings. */
    public ServiceDefinition(String name, String imageId, int replicas, List<String> command, Map<String, String> env,
                             String networkId, Map<String, String> labels, List<BindMount> mounts, Duration stopGracePeriod,
                             Resources resources, Placement placement) {
        this(name, imageId, replicas, command, env, networkId, labels, mounts, stopGracePeriod, resources, placement, Map.of());
    }

    /** This service with these kernel settings in each container. */
    public ServiceDefinition withSysctls(Map<String, String> settings) {
        return new ServiceDefinition(name, imageId, replicas, command, env, networkId, labels, mounts, stopGracePeriod,
                resources, placement, settings, registryAuth);
    }

    /** This service with its nodes pulling with this login (null: anonymously). */
    public ServiceDefinition withRegistryAuth(@Nullable RegistryAuth login) {
        return new ServiceDefinition(name, imageId, replicas, command, env, networkId, labels, mounts, stopGracePeriod,
                resources, placement, sysctls, login);
    }

    /** A service Swarm may place anywhere. */
    public ServiceDefinition(String name, String imageId, int replicas, List<String> command, Map<String, String> env,
                             String networkId, Map<String, String> labels, List<BindMount> mounts, Duration stopGracePeriod,
                             Resources resources) {
        this(name, imageId, replicas, command, env, networkId, labels, mounts, stopGracePeriod, resources, Placement.ANYWHERE);
    }

    /** A service whose containers get the built-in default limits ({@link Resources#DEFAULT}). */
    public ServiceDefinition(String name, String imageId, int replicas, List<String> command, Map<String, String> env,
                             String networkId, Map<String, String> labels, List<BindMount> mounts, Duration stopGracePeriod) {
        this(name, imageId, replicas, command, env, networkId, labels, mounts, stopGracePeriod, Resources.DEFAULT, Placement.ANYWHERE);
    }
}
