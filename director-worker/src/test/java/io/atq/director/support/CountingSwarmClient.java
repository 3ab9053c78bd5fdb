package io.atq.director.support;

import io.atq.contracts.config.RegistryAuth;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.swarm.NetworkDefinition;
import io.atq.director.swarm.NodeInfo;
import io.atq.director.swarm.ReplicaStatus;
import io.atq.director.swarm.ServiceDefinition;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmObject;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Decorates the real {@link SwarmClient}: counts every call, so a test can assert that a message caused none. */
public final class CountingSwarmClient implements SwarmClient {
    private final SwarmClient real;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong sweeps = new AtomicLong();
    private volatile Consumer<String> onServiceCreated = id -> { };
    private final List<String> createdServices = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The name of every service created through this client, in order (a name twice means a second deployment). */
    public List<String> createdServices() {
        return List.copyOf(createdServices);
    }

    /** Runs for every service id {@link #createService} returns, on the creating thread (so short-lived services can be inspected). */
    public void onServiceCreated(Consumer<String> listener) {
        this.onServiceCreated = listener;
    }

    public CountingSwarmClient(SwarmClient real) {
        this.real = real;
    }

    /** Calls made so far, through any method. */
    public long calls() {
        return calls.get();
    }

    /**
     * Calls made so far except the director's own periodic sweeps, which no message causes and which may land in any
     * test's window: the reaper listing the instance's services and networks (no task id), the capacity count listing
     * worker replicas, health/outage probes reading the node, and the readiness check looking for the probe image.
     */
    public long callsExceptSweeps() {
        return calls.get() - sweeps.get();
    }

    private <T> T sweep(Supplier<T> call) {
        sweeps.incrementAndGet();
        return count(call);
    }

    private <T> T count(Supplier<T> call) {
        calls.incrementAndGet();
        return call.get();
    }

    @Override
    public String resolveImageId(String reference) {
        return count(() -> real.resolveImageId(reference));
    }

    @Override
    public boolean hasImage(String reference) {
        return sweep(() -> real.hasImage(reference));
    }


    @Override
    public java.util.Optional<String> serviceImage(String serviceName) {
        return count(() -> real.serviceImage(serviceName));
    }

    @Override
    public String registryDigest(ImageReference image, RegistryAuth auth) {
        return count(() -> real.registryDigest(image, auth));
    }

    @Override
    public String createNetwork(NetworkDefinition network) {
        return count(() -> real.createNetwork(network));
    }

    @Override
    public java.util.Optional<String> createNetworkIfAbsent(NetworkDefinition network) {
        return count(() -> real.createNetworkIfAbsent(network));
    }

    @Override
    public java.util.Optional<io.atq.director.swarm.SwarmObject> findNetwork(String name) {
        return count(() -> real.findNetwork(name));
    }

    @Override
    public String createService(ServiceDefinition service) {
        String id = count(() -> real.createService(service));
        createdServices.add(service.name());
        onServiceCreated.accept(id);
        return id;
    }

    @Override
    public List<ReplicaStatus> serviceTasks(String serviceId) {
        return count(() -> real.serviceTasks(serviceId));
    }

    @Override
    public java.util.SortedMap<Integer, String> taskAddresses(String serviceId, String networkId) {
        return count(() -> real.taskAddresses(serviceId, networkId));
    }

    @Override
    public void readServiceLogs(String serviceId, java.util.function.Consumer<byte[]> sink) {
        count(() -> {
            real.readServiceLogs(serviceId, sink);
            return null;
        });
    }

    @Override
    public io.atq.director.swarm.LogSubscription followServiceLogs(String serviceId, java.util.function.Consumer<byte[]> sink, Runnable ended) {
        return count(() -> real.followServiceLogs(serviceId, sink, ended));
    }

    @Override
    public void readServiceLogsBySlot(String serviceId, java.util.function.IntFunction<java.util.function.Consumer<byte[]>> sinks) {
        count(() -> {
            real.readServiceLogsBySlot(serviceId, sinks);
            return null;
        });
    }

    @Override
    public boolean stopContainer(String containerId, java.time.Duration grace) {
        return count(() -> real.stopContainer(containerId, grace));
    }

    @Override
    public boolean stopService(String serviceId) {
        return count(() -> real.stopService(serviceId));
    }

    @Override
    public boolean removeService(String serviceIdOrName) {
        return count(() -> real.removeService(serviceIdOrName));
    }

    @Override
    public boolean removeContainer(String containerId) {
        return count(() -> real.removeContainer(containerId));
    }

    @Override
    public boolean removeNetwork(String networkId) {
        return count(() -> real.removeNetwork(networkId));
    }

    @Override
    public List<io.atq.director.swarm.ServiceReplicas> listReplicas(String instance, String role) {
        return sweep(() -> real.listReplicas(instance, role));
    }

    @Override
    public List<SwarmObject> listServices(String instance, TaskId taskId) {
        return taskId == null ? sweep(() -> real.listServices(instance, taskId)) : count(() -> real.listServices(instance, taskId));
    }

    @Override
    public List<SwarmObject> listNetworks(String instance, TaskId taskId) {
        return taskId == null ? sweep(() -> real.listNetworks(instance, taskId)) : count(() -> real.listNetworks(instance, taskId));
    }

    @Override
    public List<SwarmObject> listContainers(String instance, TaskId taskId) {
        return taskId == null ? sweep(() -> real.listContainers(instance, taskId)) : count(() -> real.listContainers(instance, taskId));
    }

    @Override
    public NodeInfo node() {
        return sweep(real::node);
    }

    @Override
    public java.util.Map<String, String> nodeNames() {
        return sweep(real::nodeNames);
    }

    @Override
    public void pullImage(String reference) {
        count(() -> {
            real.pullImage(reference);
            return null;
        });
    }
}
