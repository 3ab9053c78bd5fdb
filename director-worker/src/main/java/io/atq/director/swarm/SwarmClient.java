package io.atq.director.swarm;

import java.util.List;

/**
 * The Swarm operations a task run needs. Every method throws {@link SwarmException}, whose
 * {@link SwarmException#isRetryable()} tells transient failures from decisions.
 */
public interface SwarmClient {

    /** The local image ID ({@code sha256:…}) of an image reference; {@link SwarmException.Kind#NOT_FOUND} when it is not on this node. */
    String resolveImageId(String reference);

    /**
     * What identifies a local image for the record: its first repo digest ({@code name@sha256:…}) when it has one,
     * else its image id. A service created by that id runs exactly that image.
     */
    String imageDigest(String imageId);

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

    /** Creates a service; returns its id. An existing one with the same name and {@code atq.task} label is adopted. */
    String createService(ServiceDefinition service);

    /** The replicas of a service, newest state first per slot as Docker reports them. */
    List<ReplicaStatus> serviceTasks(String serviceId);

    /** Everything the service's containers wrote to stdout and stderr so far (does not wait for more). */
    String serviceLogs(String serviceId);

    /** Removes a service by id or name; {@code false} when it was already gone. */
    boolean removeService(String serviceIdOrName);

    /** Removes a network; {@code false} when it was already gone. {@link SwarmException.Kind#CONFLICT} while it is in use. */
    boolean removeNetwork(String networkId);

    /** Services labelled with this instance and, unless {@code taskId} is null, this task. */
    List<SwarmObject> listServices(String instance, String taskId);

    /** Networks labelled with this instance and, unless {@code taskId} is null, this task. */
    List<SwarmObject> listNetworks(String instance, String taskId);

    /** Containers on this node (running or not) labelled with this instance and, unless {@code taskId} is null, this task. */
    List<SwarmObject> listContainers(String instance, String taskId);

    /** Engine and Swarm state of the node the client talks to. */
    NodeInfo node();

    /** Pulls an image from its registry (only when the configuration asks for it). */
    void pullImage(String reference);
}
