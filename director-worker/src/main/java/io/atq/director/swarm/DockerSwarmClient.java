package io.atq.director.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;
import com.github.dockerjava.transport.DockerHttpClient;
import io.atq.contracts.config.Placement;
import io.atq.contracts.config.RegistryAuth;
import io.atq.contracts.discovery.TaskAddresses;
import io.atq.contracts.names.Labels;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.tasks.TaskId;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * {@link SwarmClient} over docker-java. Every call goes through the {@code docker} retry (transient failures only)
 * and circuit breaker; Docker's HTTP errors become {@link SwarmException}s that say whether retrying helps.
 * Every create and remove is logged at INFO.
 */
public final class DockerSwarmClient implements SwarmClient {
    /**
     * The placement constraint of a stopped service: no node has this label, so Swarm shuts the running replicas down
     * (keeping their tasks) and never runs their replacements.
     */
    static final String PARKED = "node.labels.atq.stopped==true";
    private static final Logger log = LoggerFactory.getLogger(DockerSwarmClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LOG_READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Default capabilities a load generator never needs (raw sockets, device nodes, audit, chroot, file capabilities).
     * Not "ALL": images run as root and write into their bind-mounted task folder, which needs the rest.
     */
    /** Timer of every Docker request (each attempt), tagged {@code operation} and {@code outcome}. */
    public static final String CALLS_METER = "atq.docker.calls";

    static final List<String> DROPPED_CAPABILITIES = List.of("NET_RAW", "MKNOD", "AUDIT_WRITE", "SYS_CHROOT", "SETFCAP");

    private final DockerClient docker;
    /** docker-java's own transport, for requests its models cannot express (see {@link #taskAddresses}). */
    private final DockerHttpClient http;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;

    /** A client whose calls are not measured (tests). */
    public DockerSwarmClient(DockerClient docker, Retry retry, CircuitBreaker breaker) {
        // An empty composite registry records nothing.
        this(docker, retry, breaker, new CompositeMeterRegistry());
    }

    /** A client that times every Docker request as {@value #CALLS_METER}, tagged {@code operation} and {@code outcome}. */
    public DockerSwarmClient(DockerClient docker, Retry retry, CircuitBreaker breaker, MeterRegistry meters) {
        this.docker = docker;
        this.http = DockerClients.transportOf(docker);
        this.retry = retry;
        this.breaker = breaker;
        this.meters = meters;
    }

    @Override
    public String resolveImageId(String reference) {
        return call("inspect_image", "inspect image " + reference, () -> docker.inspectImageCmd(reference).exec().getId());
    }

    /**
     * Asks the engine raw through docker-java's transport: docker-java (3.7.1) has no command for
     * {@code GET /distribution/{name}/json}. With a login, its password file is read now and sent as
     * {@code X-Registry-Auth}.
     */
    @Override
    public String registryDigest(ImageReference image, @Nullable RegistryAuth auth) {
        String name = image.familiar();
        String operation = "resolve " + name + " in its registry";
        return call("inspect_distribution", operation, () -> {
            DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET)
                    .path("/distribution/" + name + "/json");
            if (auth != null) {
                request.putHeader("X-Registry-Auth", RegistryCredentials.read(auth, image.domain(), operation).header());
            }
            String body;
            try {
                body = bodyOf(request.build());
            } catch (DockerException e) {
                String refusal = RegistryRefusal.describe(e.getHttpStatus(), dockerMessage(e), image.domain(), auth);
                if (refusal != null) {
                    throw new SwarmException(SwarmException.Kind.REFUSED, operation, refusal, e);
                }
                throw e;
            }
            String digest = DistributionAnswer.manifestDigest(body);
            log.debug("{} is {} in its registry", name, digest);
            return digest;
        });
    }

    @Override
    public String createNetwork(NetworkDefinition network) {
        String operation = "create network " + network.name();
        try {
            String id = call("create_network", operation, () -> docker.createNetworkCmd()
                    .withName(network.name())
                    .withDriver("overlay")
                    .withAttachable(true)
                    .withInternal(false)
                    // Without it the engine happily creates a second swarm network of the same name.
                    .withCheckDuplicate(true)
                    .withLabels(network.labels())
                    .exec().getId());
            log.info("created network {} ({}) labels {}", network.name(), id, network.labels());
            return id;
        } catch (SwarmException e) {
            if (e.getKind() != SwarmException.Kind.CONFLICT) {
                throw e;
            }
            SwarmObject existing = listNetworksByName(network.name()).stream()
                    .filter(found -> sameTask(found.labels(), network.labels()))
                    .findFirst()
                    .orElseThrow(() -> e);
            log.debug("network {} already exists for this task ({}): adopting it", network.name(), existing.id());
            return existing.id();
        }
    }

    @Override
    public Optional<String> createNetworkIfAbsent(NetworkDefinition network) {
        try {
            String id = call("create_network", "create network " + network.name(), () -> docker.createNetworkCmd()
                    .withName(network.name())
                    .withDriver("overlay")
                    .withAttachable(true)
                    .withInternal(false)
                    .withCheckDuplicate(true)
                    .withLabels(network.labels())
                    .exec().getId());
            log.info("created network {} ({}) labels {}", network.name(), id, network.labels());
            return Optional.of(id);
        } catch (SwarmException e) {
            if (e.getKind() != SwarmException.Kind.CONFLICT) {
                throw e;
            }
            // Expected when two directors race for one task: the caller reads the existing network's owner.
            log.debug("network {} already exists", network.name());
            return Optional.empty();
        }
    }

    @Override
    public Optional<SwarmObject> findNetwork(String name) {
        return listNetworksByName(name).stream().findFirst();
    }

    @Override
    public String createService(ServiceDefinition service) {
        String operation = "create service " + service.name();
        try {
            RegistryAuth auth = service.registryAuth();
            String id = call("create_service", operation, () -> {
                var create = docker.createServiceCmd(toSpec(service));
                if (auth != null) {
                    // X-Registry-Auth: the manager keeps the login in the task spec, so every node can pull the image.
                    create = create.withAuthConfig(RegistryCredentials.read(auth, ImageReference.parse(service.imageId()).domain(), operation)
                            .authConfig());
                }
                return create.exec().getId();
            });
            log.info("created service {} ({}) replicas={} image={} labels {}", service.name(), id, service.replicas(),
                    service.imageId(), service.labels());
            return id;
        } catch (SwarmException e) {
            if (e.getKind() != SwarmException.Kind.CONFLICT) {
                throw e;
            }
            // A retried create whose first attempt did reach the manager, or a second director on a redelivery.
            Service existing = call("find_service", "find service " + service.name(),
                    () -> docker.listServicesCmd().withNameFilter(List.of(service.name())).exec()).stream()
                    .filter(found -> service.name().equals(found.getSpec().getName()))
                    .filter(found -> sameTask(found.getSpec().getLabels(), service.labels()))
                    .findFirst()
                    .orElseThrow(() -> e);
            log.debug("service {} already exists for this task ({}): adopting it", service.name(), existing.getId());
            return existing.getId();
        }
    }

    @Override
    public Optional<String> serviceImage(String serviceName) {
        try {
            Service service = call("inspect_service", "inspect service " + serviceName, () -> docker.inspectServiceCmd(serviceName).exec());
            return Optional.ofNullable(service.getSpec()).map(ServiceSpec::getTaskTemplate).map(TaskSpec::getContainerSpec)
                    .map(ContainerSpec::getImage);
        } catch (SwarmException e) {
            if (e.getKind() == SwarmException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ReplicaStatus> serviceTasks(String serviceId) {
        List<Task> tasks = call("list_tasks", "list tasks of service " + serviceId,
                () -> docker.listTasksCmd().withServiceFilter(serviceId).exec());
        List<ReplicaStatus> replicas = tasks.stream()
                .map(DockerSwarmClient::toStatus)
                .sorted(Comparator.comparingInt(ReplicaStatus::slot))
                .toList();
        // A replica being stopped through Swarm ({@link #stopService}, by this director or by a dead one whose task was
        // taken over) looks given up until it ends: its desired state is shutdown. That is our stop, not a lost node.
        if (replicas.stream().anyMatch(ReplicaStatus::givenUp) && parked(serviceId)) {
            return replicas.stream().map(ReplicaStatus::beingStopped).toList();
        }
        return replicas;
    }

    /** Whether {@link #stopService} parked the service (false for a service that is gone). */
    private boolean parked(String serviceId) {
        try {
            return call("inspect_service", "inspect service " + serviceId, () -> {
                TaskSpec template = docker.inspectServiceCmd(serviceId).exec().getSpec().getTaskTemplate();
                return template.getPlacement() != null && template.getPlacement().getConstraints() != null
                        && template.getPlacement().getConstraints().contains(PARKED);
            });
        } catch (SwarmException e) {
            if (e.getKind() == SwarmException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Reads {@code GET /tasks} raw through docker-java's transport: its {@code Task} model (3.7.1) drops
     * {@code NetworksAttachments}, where Swarm records each task's address (see {@link TaskAddresses}).
     */
    @Override
    public SortedMap<Integer, String> taskAddresses(String serviceId, String networkId) {
        String operation = "list task addresses of service " + serviceId;
        return call("list_task_addresses", operation, () -> {
            String filters = JSON.writeValueAsString(Map.of("service", List.of(serviceId)));
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET)
                    .path("/tasks?filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8))
                    .build();
            return TaskAddresses.onNetwork(bodyOf(request), networkId);
        });
    }

    /** The body of a 200 answer to a raw request; any other status is thrown as docker-java would throw it. */
    private String bodyOf(DockerHttpClient.Request request) {
        try (DockerHttpClient.Response response = http.execute(request)) {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = response.getStatusCode();
            if (status != 200) {
                // The exceptions docker-java itself raises for these answers, so translate() treats them alike.
                throw switch (status) {
                    case 404 -> new NotFoundException(body);
                    case 409 -> new ConflictException(body);
                    default -> new DockerException(body, status);
                };
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void readServiceLogs(String serviceId, Consumer<byte[]> sink) {
        readLogs("read logs of service " + serviceId, () -> docker.logServiceCmd(serviceId), sink);
    }

    @Override
    public LogSubscription followServiceLogs(String serviceId, Consumer<byte[]> sink, Runnable ended) {
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            private volatile boolean done;

            private final java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public void onNext(Frame frame) {
                if (broken.get()) {
                    return;
                }
                if (!LogFrames.isOutput(frame)) {
                    // Docker's own error in the stream: never the task's output. Follow again (from where it stopped),
                    // closing this stream from another thread than docker-java's, which is delivering this frame.
                    if (broken.compareAndSet(false, true)) {
                        log.warn("log stream of service {} broke: Docker says: {}", serviceId, LogFrames.text(frame));
                        Thread.ofVirtual().name("log-broke-" + serviceId).start(this::finish);
                    }
                    return;
                }
                sink.accept(frame.getPayload());
            }

            @Override
            public void onError(Throwable error) {
                // docker-java logs every stream error at ERROR; a broken follow is expected (read timeout, Docker restart).
                log.debug("log stream of service {} broke: {}", serviceId, error.toString());
                finish();
            }

            @Override
            public void onComplete() {
                finish();
            }

            private synchronized void finish() {
                if (!done) {
                    done = true;
                    closeQuietly(this, serviceId);
                    ended.run();
                }
            }
        };
        call("follow_logs", "follow logs of service " + serviceId, () -> docker.logServiceCmd(serviceId)
                .withStdout(true).withStderr(true).withFollow(true).exec(callback));
        return () -> closeQuietly(callback, serviceId);
    }

    @Override
    public void readServiceLogsBySlot(String serviceId, IntFunction<Consumer<byte[]>> sinks) {
        List<Task> tasks = new ArrayList<>(call("list_tasks", "list tasks of service " + serviceId,
                () -> docker.listTasksCmd().withServiceFilter(serviceId).exec()));
        // restart condition none: one task per slot; should Swarm ever keep two, their logs go one after the other.
        tasks.sort(Comparator.comparingInt((Task task) -> task.getSlot() == null ? 0 : task.getSlot()));
        for (Task task : tasks) {
            int slot = task.getSlot() == null ? 0 : task.getSlot();
            Consumer<byte[]> sink = sinks.apply(slot);
            if (toStatus(task).givenUp()) {
                // Its node is lost: Docker would wait for that node (a partitioned one never answers). The log stays there.
                sink.accept(("[atq] no log: Swarm gave this task up, its node " + task.getNodeId() + " is lost\n").getBytes(StandardCharsets.UTF_8));
                continue;
            }
            try {
                readLogs("read logs of task " + task.getId(), () -> docker.logTaskCmd(task.getId()), sink);
            } catch (SwarmException e) {
                if (e.isRetryable()) {
                    throw e;
                }
                // A replica that never got a container (rejected) has no log; the others still do.
                log.debug("no log for task {} (slot {}): {}", task.getId(), slot, e.getMessage());
            }
        }
    }

    @Override
    public boolean stopContainer(String containerId, Duration grace) {
        try {
            call("stop_container", "stop container " + containerId, () -> {
                docker.stopContainerCmd(containerId).withTimeout((int) Math.min(Integer.MAX_VALUE, grace.toSeconds())).exec();
                return null;
            });
            log.info("stopped container {} (SIGTERM, SIGKILL after {})", containerId, grace);
            return true;
        } catch (SwarmException e) {
            if (e.getKind() == SwarmException.Kind.NOT_FOUND || e.getCause() instanceof NotModifiedException) {
                log.debug("container {} was not running", containerId);
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean stopService(String serviceId) {
        try {
            call("stop_service", "stop the replicas of service " + serviceId, () -> {
                Service service = docker.inspectServiceCmd(serviceId).exec();
                ServiceSpec spec = service.getSpec();
                TaskSpec task = spec.getTaskTemplate();
                ServicePlacement placement = task.getPlacement() == null ? new ServicePlacement() : task.getPlacement();
                List<String> constraints = new ArrayList<>(placement.getConstraints() == null ? List.of() : placement.getConstraints());
                if (!constraints.contains(PARKED)) {
                    constraints.add(PARKED);
                    task.withPlacement(placement.withConstraints(constraints));
                    docker.updateServiceCmd(serviceId, spec).withVersion(service.getVersion().getIndex()).exec();
                }
                return null;
            });
            log.info("stopping the replicas of service {} through Swarm (parked on {})", serviceId, PARKED);
            return true;
        } catch (SwarmException e) {
            if (e.getKind() == SwarmException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static void closeQuietly(java.io.Closeable callback, String serviceId) {
        try {
            callback.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing the log stream of {} failed", serviceId, e);
        }
    }

    /**
     * Everything written so far by one service or task (follow=false: with follow=true the stream never ends), chunk by
     * chunk into {@code sink} on docker-java's reading thread, which waits for the sink: nothing piles up in memory.
     * Waits while bytes keep coming; gives up after {@link #LOG_READ_TIMEOUT} without any (Docker takes ~30 s for a
     * 120 MB log here, so a total limit would cut large logs).
     */
    private void readLogs(String operation, Supplier<com.github.dockerjava.api.command.LogSwarmObjectCmd> command,
                          Consumer<byte[]> sink) {
        // Across attempts: a retried read starts again from the log's first byte, so what was delivered is skipped.
        AtomicLong delivered = new AtomicLong();
        call("read_logs", operation, () -> {
            AtomicLong position = new AtomicLong();
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            CountDownLatch ended = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicReference<String> dockerError = new java.util.concurrent.atomic.AtomicReference<>();
            ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
                @Override
                public void onComplete() {
                    super.onComplete();
                    ended.countDown();
                }

                @Override
                public void onError(Throwable error) {
                    super.onError(error);
                    ended.countDown();
                }

                @Override
                public void onNext(Frame frame) {
                    if (dockerError.get() != null) {
                        return;
                    }
                    if (!LogFrames.isOutput(frame)) {
                        // Docker's own error ("Error grabbing logs: …") is not the task's output: read again.
                        dockerError.set(LogFrames.text(frame));
                        ended.countDown();
                        return;
                    }
                    byte[] payload = frame.getPayload();
                    long start = position.getAndAdd(payload.length);
                    lastProgress.set(System.nanoTime());
                    long skip = delivered.get() - start;
                    if (skip >= payload.length) {
                        return;
                    }
                    sink.accept(skip <= 0 ? payload : Arrays.copyOfRange(payload, (int) skip, payload.length));
                    delivered.set(start + payload.length);
                }
            };
            command.get().withStdout(true).withStderr(true).withFollow(false).exec(callback);
            try (callback) {
                // Our own latch: docker-java's awaitCompletion(timeout) closes the stream when it returns, even on timeout.
                while (!ended.await(1, TimeUnit.SECONDS)) {
                    if (System.nanoTime() - lastProgress.get() > LOG_READ_TIMEOUT.toNanos()) {
                        throw new SwarmException(SwarmException.Kind.UNAVAILABLE, operation,
                                "no log data for " + LOG_READ_TIMEOUT + " (" + position.get() + " bytes read)", null);
                    }
                }
                if (dockerError.get() != null) {
                    throw new SwarmException(SwarmException.Kind.INCOMPLETE, operation,
                            "Docker broke off the log after " + position.get() + " bytes: " + dockerError.get(), null);
                }
                // Ended: throws the stream's error, if it broke.
                callback.awaitCompletion(0, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmException(SwarmException.Kind.UNAVAILABLE, operation, "interrupted", e);
            } catch (IOException e) {
                log.debug("closing the log stream of {} failed", operation, e);
            }
            return null;
        });
    }

    @Override
    public boolean removeService(String serviceId) {
        return remove("service", serviceId, () -> docker.removeServiceCmd(serviceId).exec());
    }

    @Override
    public boolean removeContainer(String containerId) {
        return remove("container", containerId, () -> docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec());
    }

    @Override
    public boolean removeNetwork(String networkId) {
        return remove("network", networkId, () -> docker.removeNetworkCmd(networkId).exec());
    }

    /** Removes one object; {@code false} when it was already gone (a race with another remover is no error). */
    private boolean remove(String kind, String id, Runnable removal) {
        try {
            call("remove_" + kind, "remove " + kind + " " + id, () -> {
                removal.run();
                return null;
            });
            log.info("removed {} {}", kind, id);
            return true;
        } catch (SwarmException e) {
            if (e.getKind() == SwarmException.Kind.NOT_FOUND) {
                log.debug("{} {} was already gone", kind, id);
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<SwarmObject> listServices(String instance, @Nullable TaskId taskId) {
        return call("list_services", "list services of " + scope(instance, taskId),
                () -> docker.listServicesCmd().withLabelFilter(labelFilter(instance, taskId)).exec()).stream()
                .map(s -> new SwarmObject(s.getId(), s.getSpec().getName(), s.getSpec().getLabels()))
                .toList();
    }

    @Override
    public List<ServiceReplicas> listReplicas(String instance, String role) {
        Map<String, String> filter = labelFilter(instance, null);
        filter.put(Labels.ROLE, Objects.requireNonNull(role, "role"));
        return call("list_services", "list " + role + " services of " + scope(instance, null),
                () -> docker.listServicesCmd().withLabelFilter(filter).exec()).stream()
                .map(s -> new ServiceReplicas(s.getSpec().getName(), s.getSpec().getLabels(), replicasOf(s)))
                .toList();
    }

    private static int replicasOf(Service service) {
        var mode = service.getSpec().getMode();
        if (mode == null || mode.getReplicated() == null) {
            return 0;
        }
        return (int) mode.getReplicated().getReplicas();
    }

    @Override
    public List<SwarmObject> listNetworks(String instance, @Nullable TaskId taskId) {
        List<String> filter = labelFilter(instance, taskId).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return call("list_networks", "list networks of " + scope(instance, taskId),
                () -> docker.listNetworksCmd().withFilter("label", filter).exec()).stream()
                .map(n -> new SwarmObject(n.getId(), n.getName(), n.getLabels()))
                .toList();
    }

    @Override
    public List<SwarmObject> listContainers(String instance, @Nullable TaskId taskId) {
        return call("list_containers", "list containers of " + scope(instance, taskId),
                () -> docker.listContainersCmd().withShowAll(true).withLabelFilter(labelFilter(instance, taskId)).exec()).stream()
                .map(DockerSwarmClient::toObject)
                .toList();
    }

    @Override
    public NodeInfo node() {
        Info info = call("info", "read engine info", () -> docker.infoCmd().exec());
        var swarm = info.getSwarm();
        String state = swarm == null || swarm.getLocalNodeState() == null ? "inactive" : swarm.getLocalNodeState().getValue();
        boolean manager = swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable());
        return new NodeInfo(info.getServerVersion(), state, manager);
    }

    @Override
    public Map<String, String> nodeNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (SwarmNode node : call("list_nodes", "list the swarm's nodes", () -> docker.listSwarmNodesCmd().exec())) {
            String hostname = node.getDescription() == null ? null : node.getDescription().getHostname();
            if (node.getId() != null && hostname != null) {
                names.put(node.getId(), hostname);
            }
        }
        return names;
    }

    @Override
    public Optional<String> nodeState(String nodeId) {
        List<SwarmNode> nodes = call("list_nodes", "inspect node " + nodeId, () -> docker.listSwarmNodesCmd().withIdFilter(List.of(nodeId)).exec());
        return nodes.stream().filter(n -> nodeId.equals(n.getId())).findFirst().map(DockerSwarmClient::describe);
    }

    @Override
    public Optional<Boolean> swarmTaskRunning(String swarmTaskId) {
        List<Task> tasks = call("list_tasks", "inspect swarm task " + swarmTaskId,
                () -> docker.listTasksCmd().withIdFilter(swarmTaskId).exec());
        return tasks.stream().filter(t -> swarmTaskId.equals(t.getId())).findFirst().map(task -> {
            TaskStatus status = task.getStatus();
            boolean running = task.getDesiredState() == TaskState.RUNNING && status != null && status.getState() == TaskState.RUNNING;
            return running && task.getNodeId() != null && nodeState(task.getNodeId()).filter("ready"::equals).isPresent();
        });
    }

    @Override
    public List<NodeLabel> nodeLabels(String key) {
        return call("list_nodes", "list the swarm's nodes", () -> docker.listSwarmNodesCmd().exec()).stream()
                .filter(n -> n.getDescription() != null && n.getDescription().getHostname() != null)
                .map(n -> new NodeLabel(n.getDescription().getHostname(), describe(n),
                        n.getSpec() == null || n.getSpec().getLabels() == null ? null : n.getSpec().getLabels().get(key)))
                .sorted(Comparator.comparing(NodeLabel::hostname))
                .toList();
    }

    /** {@code "down"}, {@code "ready"}, with the availability when it is not active: {@code "ready, drain"}. */
    private static String describe(SwarmNode node) {
        String state = node.getStatus() == null || node.getStatus().getState() == null ? "unknown" : node.getStatus().getState().name().toLowerCase(Locale.ROOT);
        String availability = node.getSpec() == null || node.getSpec().getAvailability() == null
                ? "active" : node.getSpec().getAvailability().name().toLowerCase(Locale.ROOT);
        return "active".equals(availability) ? state : state + ", " + availability;
    }

    @Override
    public void pullImage(String reference) {
        ImageReference image = ImageReference.parse(reference);
        String repository = image.domain().equals("docker.io") ? image.path() : image.domain() + "/" + image.path();
        String tag = image.digest() != null ? image.digest() : image.tag();
        call("pull_image", "pull image " + reference, () -> {
            try {
                docker.pullImageCmd(repository).withTag(tag).exec(new PullImageResultCallback())
                        .awaitCompletion(PULL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmException(SwarmException.Kind.UNAVAILABLE, "pull image " + reference, "interrupted", e);
            }
            return null;
        });
        log.info("pulled image {}", reference);
    }

    private List<SwarmObject> listNetworksByName(String name) {
        List<Network> networks = call("find_network", "find network " + name, () -> docker.listNetworksCmd().withNameFilter(name).exec());
        // The engine's name filter matches substrings.
        return networks.stream().filter(n -> name.equals(n.getName()))
                .map(n -> new SwarmObject(n.getId(), n.getName(), n.getLabels()))
                .toList();
    }

    private static boolean sameTask(Map<String, String> found, Map<String, String> wanted) {
        String task = wanted.get(Labels.TASK);
        return task != null && found != null && task.equals(found.get(Labels.TASK));
    }

    static ServiceSpec toSpec(ServiceDefinition service) {
        ContainerSpec container = new HardenedContainerSpec(DROPPED_CAPABILITIES, service.sysctls())
                .withImage(service.imageId())
                .withEnv(service.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .withLabels(service.labels())
                .withStopGracePeriod(service.stopGracePeriod().toNanos())
                .withMounts(service.mounts().stream()
                        .map(m -> new Mount().withType(MountType.BIND).withSource(m.source()).withTarget(m.target()).withReadOnly(m.readOnly()))
                        .toList());
        if (!service.command().isEmpty()) {
            container = container.withCommand(service.command());
        }
        TaskSpec task = new TaskSpec()
                .withContainerSpec(container)
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE))
                // Limits, never reservations: a reservation only steers placement, a limit stops a runaway container.
                .withResources(new ResourceRequirements().withLimits(new PidsLimitedResourceSpecs(service.resources().pids())
                        .withMemoryBytes(service.resources().memoryBytes())
                        .withNanoCPUs(service.resources().nanoCpus())))
                .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(service.networkId())));
        Placement placement = service.placement();
        if (!placement.equals(Placement.ANYWHERE)) {
            ServicePlacement swarmPlacement = new SpreadingPlacement(placement.spreadOver()).withConstraints(placement.constraints());
            if (placement.maxReplicasPerNode() > 0) {
                swarmPlacement = swarmPlacement.withMaxReplicas(placement.maxReplicasPerNode());
            }
            task = task.withPlacement(swarmPlacement);
        }
        return new ServiceSpec()
                .withName(service.name())
                .withLabels(service.labels())
                .withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(service.replicas())))
                // dnsrr: this kernel has no IPVS, so a service VIP would not route. No ports: nothing is published.
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR));
    }

    static ReplicaStatus toStatus(Task task) {
        TaskStatus status = task.getStatus();
        String dockerState = status == null || status.getState() == null ? null : status.getState().getValue();
        ReplicaState state = DockerTaskStates.replicaState(dockerState);
        Integer exitCode = null;
        // A rejected task reports ExitCode 0 with an empty ContainerID: no container, so no verdict.
        if (state.ended() && status.getContainerStatus() != null
                && status.getContainerStatus().getContainerID() != null
                && !status.getContainerStatus().getContainerID().isEmpty()) {
            Long code = status.getContainerStatus().getExitCodeLong();
            exitCode = code == null ? null : code.intValue();
            // "failed" with exit 0 is not an exit: the agent lost the container (seen: dockerd stopped gracefully
            // removes a swarm task's container, and after the restart its task is failed, "No such container", exit 0).
            // The program's verdict is unknown; never read it as a success.
            if (exitCode != null && exitCode == 0 && "failed".equals(dockerState)) {
                exitCode = null;
            }
        }
        int slot = task.getSlot() == null ? 0 : task.getSlot();
        boolean givenUp = !state.ended() && task.getDesiredState() != null && DockerTaskStates.givenUp(task.getDesiredState().getValue());
        return new ReplicaStatus(slot, state, dockerState, status == null ? null : status.getMessage(),
                status == null ? null : status.getErr(), exitCode, status == null ? null : instant(status.getTimestamp()),
                task.getNodeId() == null || task.getNodeId().isBlank() ? null : task.getNodeId(), givenUp);
    }

    /** Docker's RFC 3339 timestamp (nanoseconds, {@code Z}); null when absent or unreadable. */
    static @Nullable Instant instant(@Nullable String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static SwarmObject toObject(Container container) {
        String[] names = container.getNames();
        String name = names == null || names.length == 0 ? container.getId() : names[0].replaceFirst("^/", "");
        return new SwarmObject(container.getId(), name, container.getLabels());
    }

    private static Map<String, String> labelFilter(String instance, @Nullable TaskId taskId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.INSTANCE, Objects.requireNonNull(instance, "instance"));
        labels.put(Labels.MANAGED, "true");
        if (taskId != null) {
            labels.put(Labels.TASK, taskId.value());
        }
        return labels;
    }

    private static String scope(String instance, @Nullable TaskId taskId) {
        return "instance " + instance + (taskId == null ? "" : " task " + taskId);
    }

    /**
     * Runs one Docker call through the circuit breaker and retry, translating failures and timing each attempt.
     *
     * @param kind      the operation's metric tag: a fixed word, never an id (tags must stay few)
     * @param operation what the call does, with names, for messages
     */
    private <T> T call(String kind, String operation, Supplier<T> request) {
        Supplier<T> translated = () -> {
            Timer.Sample sample = Timer.start(meters);
            String outcome = "success";
            try {
                return request.get();
            } catch (SwarmException e) {
                outcome = e.getKind().name().toLowerCase(Locale.ROOT);
                throw e;
            } catch (RuntimeException e) {
                SwarmException translatedError = translate(operation, e);
                outcome = translatedError.getKind().name().toLowerCase(Locale.ROOT);
                throw translatedError;
            } finally {
                sample.stop(Timer.builder(CALLS_METER)
                        .description("Docker engine requests by operation and outcome (each attempt)")
                        .tag("operation", kind)
                        .tag("outcome", outcome)
                        .register(meters));
            }
        };
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, translated)).get();
        } catch (CallNotPermittedException e) {
            throw new SwarmException(SwarmException.Kind.UNAVAILABLE, operation, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * A manager's own gRPC to the swarm broke, answered as a 500: the engine is stopping ("code = Canceled desc = grpc:
     * the client connection is closing"), or the managers are electing a leader or lost the one they had
     * (Unavailable, DeadlineExceeded, "context deadline exceeded"). The same call may succeed in a moment.
     */
    private static final java.util.regex.Pattern TRANSIENT_RPC =
            java.util.regex.Pattern.compile("rpc error: code = (Unavailable|Canceled|DeadlineExceeded|Aborted)\\b|context deadline exceeded");

    static SwarmException translate(String operation, RuntimeException e) {
        if (e instanceof NotFoundException) {
            return new SwarmException(SwarmException.Kind.NOT_FOUND, operation, dockerMessage(e), e);
        }
        if (e instanceof ConflictException) {
            return new SwarmException(SwarmException.Kind.CONFLICT, operation, dockerMessage(e), e);
        }
        if (e instanceof DockerException docker) {
            // 503: the manager lost quorum or is still starting; everything else is an answer.
            String message = dockerMessage(e);
            SwarmException.Kind kind = docker.getHttpStatus() == 503 ? SwarmException.Kind.UNAVAILABLE : SwarmException.Kind.REFUSED;
            // Removing a network that tasks still use answers 400 "rpc error: code = FailedPrecondition desc =
            // network … is in use by task …" (Docker 20.10; older engines: 403 "… has active endpoints"): a state, not an error.
            if (message.contains("is in use by") || message.contains("has active endpoints")) {
                kind = SwarmException.Kind.CONFLICT;
            }
            // Two creates of one name at the same moment: the engine's own duplicate check passes for both and the
            // swarm store refuses the second with a 500 "name conflicts with an existing object" (Docker 20.10).
            if (message.contains("name conflicts with an existing object")) {
                kind = SwarmException.Kind.CONFLICT;
            } else if (TRANSIENT_RPC.matcher(message).find()) {
                kind = SwarmException.Kind.UNAVAILABLE;
            }
            return new SwarmException(kind, operation, message, e);
        }
        // A plain InterruptedIOException means this thread was interrupted (a stop), not that Docker is away;
        // its subclass SocketTimeoutException is a real transient failure.
        Optional<Throwable> io = causes(e).stream()
                .filter(c -> c instanceof IOException && c.getClass() != InterruptedIOException.class)
                .findFirst();
        if (io.isPresent()) {
            return new SwarmException(SwarmException.Kind.UNAVAILABLE, operation, "cannot reach Docker: " + io.get(), e);
        }
        return new SwarmException(SwarmException.Kind.REFUSED, operation, String.valueOf(e.getMessage()), e);
    }

    /** Docker's own {@code {"message": …}} text rather than docker-java's {@code Status 409: {…}}. */
    private static String dockerMessage(RuntimeException e) {
        String text = String.valueOf(e.getMessage());
        int brace = text.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode node = JSON.readTree(text.substring(brace));
                if (node.has("message")) {
                    return node.get("message").asString();
                }
            } catch (RuntimeException ignored) {
                // not JSON: keep the raw text
            }
        }
        return text;
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = e; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}
