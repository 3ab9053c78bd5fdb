package io.atq.director.swarm;

import io.atq.contracts.config.RegistryAuth;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The Swarm operations a task run needs. Every method throws {@link SwarmException}, whose
 * {@link SwarmException#isRetryable()} tells transient failures from decisions.
 */
public interface SwarmClient {

    /** The local image ID ({@code sha256:…}) of an image reference; {@link SwarmException.Kind#NOT_FOUND} when it is not on this node. */
    String resolveImageId(String reference);

    /**
     * Whether an image is on this node (a periodic readiness check, apart from the runs' {@link #resolveImageId}).
     * Other failures (Docker unreachable) are thrown.
     */
    default boolean hasImage(String reference) {
        try {
            resolveImageId(reference);
            return true;
        } catch (SwarmException e) {
            if (e.getKind() == SwarmException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The digest ({@code sha256:…}) of the manifest the image's registry serves for its tag now, asked through the
     * engine ({@code GET /distribution/{name}/json}), so the engine's registry settings (insecure registries, mirrors,
     * proxies) apply as they do to its pulls. {@link SwarmException.Kind#NOT_FOUND} when the registry has no such tag.
     *
     * @param auth the registry login, or null to ask anonymously
     */
    default String registryDigest(ImageReference image, @Nullable RegistryAuth auth) {
        throw new SwarmException(SwarmException.Kind.REFUSED, "resolve " + image.familiar() + " in its registry",
                "this client cannot ask registries", null);
    }

    /** Creates an overlay network; returns its id. An existing one with the same name and {@code atq.task} label is adopted. */
    String createNetwork(NetworkDefinition network);

    /**
     * Creates an overlay network unless one of that name exists. Swarm's store keeps network names unique, so of two
     * concurrent calls for the same name exactly one gets an id: the primitive behind task ownership and claims.
     *
     * @return the new network's id, or empty when a network of that name already exists (nothing is adopted)
     */
    java.util.Optional<String> createNetworkIfAbsent(NetworkDefinition network);

    /** The network of exactly this name, if any. */
    java.util.Optional<SwarmObject> findNetwork(String name);

    /**
     * The image a service's spec names (what its containers run: a local image id or {@code repo@sha256:…}), or empty
     * when there is no service of that name. A client that cannot tell answers empty.
     */
    default java.util.Optional<String> serviceImage(String serviceName) {
        return java.util.Optional.empty();
    }

    /** Creates a service; returns its id. An existing one with the same name and {@code atq.task} label is adopted. */
    String createService(ServiceDefinition service);

    /** The replicas of a service, newest state first per slot as Docker reports them. */
    List<ReplicaStatus> serviceTasks(String serviceId);

    /**
     * Each replica's address on {@code networkId}, by slot (1, 2, …), from Swarm's record of the service's tasks (their
     * network attachments; Swarm allocates them when it creates a task, before its container starts). Replicas not yet
     * given an address on that network are absent. The address carries no prefix length ({@code 10.0.1.5}).
     */
    java.util.SortedMap<Integer, String> taskAddresses(String serviceId, String networkId);

    /**
     * Everything the service's containers wrote to stdout and stderr so far (does not wait for more), chunk by chunk
     * into {@code sink} as Docker sends it (possibly on another thread, one chunk at a time); returns once the log
     * ended. The log is never held whole, so its size does not matter. A read Docker breaks off and that is tried
     * again continues where the sink stopped (no byte twice).
     */
    void readServiceLogs(String serviceId, Consumer<byte[]> sink);

    /** Everything the service's containers wrote so far, as one text: only for logs known to be small (the probe's). */
    default String serviceLogs(String serviceId) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        readServiceLogs(serviceId, bytes::writeBytes);
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Follows a service's stdout and stderr from their first byte: each chunk goes to {@code sink} as it arrives, on
     * another thread, until the subscription is closed (Swarm's stream does not end when the task exits). When the
     * stream ends or breaks before that (a silent container outlasts the HTTP read timeout), {@code ended} runs. A client
     * that cannot follow returns a subscription that delivers nothing; callers read {@link #serviceLogs} at the end.
     */
    default LogSubscription followServiceLogs(String serviceId, Consumer<byte[]> sink, Runnable ended) {
        return () -> { };
    }

    /**
     * Each replica's stdout and stderr so far, one replica after the other, into the sink {@code sinks} gives for its
     * slot (1, 2, …), chunk by chunk as {@link #readServiceLogs} delivers them. Every replica's slot is asked for, even
     * one that wrote nothing (a replica without a container has no log); should Swarm keep two tasks in one slot, that
     * slot is asked twice and its logs go one after the other. A replica Swarm {@link ReplicaStatus#givenUp gave up}
     * (its node lost) is not read (Docker would wait for a node that may never answer): its sink gets one line saying
     * so. A client that cannot read them asks for nothing.
     */
    default void readServiceLogsBySlot(String serviceId, IntFunction<Consumer<byte[]>> sinks) {
    }

    /**
     * Stops one container on this node as {@code docker stop} does: SIGTERM, then SIGKILL once {@code grace} has
     * passed; returns when it exited. {@code false} when it was not running (or is gone); a client that cannot stop
     * containers answers {@code false} too.
     */
    default boolean stopContainer(String containerId, Duration grace) {
        return false;
    }

    /**
     * Stops the service's replicas through Swarm, on whatever node they run, as {@code docker stop} does with the
     * service's stop grace period (SIGTERM, then SIGKILL), and keeps their tasks with state, exit code and log: the
     * service is parked on a placement constraint no node meets, so the stopped tasks are shut down (not removed, as a
     * scale to 0 would) and their replacements stay pending, never run. Returns at once; the tasks show as ended once
     * the node reported the exit. {@code false} when the service is gone.
     */
    boolean stopService(String serviceId);

    /** Removes a service by id or name; {@code false} when it was already gone. */
    boolean removeService(String serviceIdOrName);

    /**
     * Force-removes a container on this node; {@code false} when it was already gone. Only for a container Swarm left
     * behind after its service was removed (one still being created at that moment can outlive its service).
     */
    default boolean removeContainer(String containerId) {
        return false;
    }

    /** Removes a network; {@code false} when it was already gone. {@link SwarmException.Kind#CONFLICT} while it is in use. */
    boolean removeNetwork(String networkId);

    /** Services labelled with this instance and, unless {@code taskId} is null, this task. */
    List<SwarmObject> listServices(String instance, @Nullable TaskId taskId);

    /** The desired replicas of every service labelled with this instance and role (any task), from the service specs. */
    List<ServiceReplicas> listReplicas(String instance, String role);

    /** Networks labelled with this instance and, unless {@code taskId} is null, this task. */
    List<SwarmObject> listNetworks(String instance, @Nullable TaskId taskId);

    /** Containers on this node (running or not) labelled with this instance and, unless {@code taskId} is null, this task. */
    List<SwarmObject> listContainers(String instance, @Nullable TaskId taskId);

    /** Engine and Swarm state of the node the client talks to. */
    NodeInfo node();

    /** The hostname of every node of the swarm, by node id (a manager's view; read from the node specs). */
    Map<String, String> nodeNames();

    /**
     * A node's state as the managers see it: {@code "ready"}, {@code "down"} (killed, cut off), {@code "unknown"}, with
     * its availability when it is not active ({@code "ready, drain"}); empty when there is no such node or the client
     * cannot tell.
     */
    default java.util.Optional<String> nodeState(String nodeId) {
        return java.util.Optional.empty();
    }

    /**
     * Whether Swarm runs the task (a service's container) with this id: desired and current state running, on a node the
     * managers see ready. Empty when there is no such task or the client cannot tell.
     */
    default java.util.Optional<Boolean> swarmTaskRunning(String swarmTaskId) {
        return java.util.Optional.empty();
    }

    /** Every node of the swarm with its value of label {@code key}, by hostname; empty when the client cannot tell. */
    default List<NodeLabel> nodeLabels(String key) {
        return List.of();
    }

    /** Pulls an image from its registry (only when the configuration asks for it). */
    void pullImage(String reference);
}
