package io.atq.director.support;

import io.atq.contracts.config.RegistryAuth;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.names.Labels;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.swarm.NetworkDefinition;
import io.atq.director.swarm.NodeInfo;
import io.atq.director.swarm.ReplicaState;
import io.atq.director.swarm.ReplicaStatus;
import io.atq.director.swarm.ServiceDefinition;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import io.atq.director.swarm.SwarmObject;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * An in-memory swarm. Each role follows a script: {@code (poll, replicas) -> replica states}, where poll counts the
 * {@link #serviceTasks} calls for that service. Every replica of a service has the address {@code 10.0.9.<slot + 1>}
 * from the start (Swarm allocates it at task creation) unless {@link #addresses} says otherwise; the probe, unless given
 * a log, prints that every address it was given answered. Removed services leave their containers for one more look, and a
 * network cannot be removed while containers remain (as with Docker).
 */
public final class FakeSwarmClient implements SwarmClient {

    /** Replica states of a service at its n-th look. */
    @FunctionalInterface
    public interface Script {
        List<ReplicaStatus> at(int poll, int replicas);
    }

    private final Journal journal;
    private final Map<Labels.Role, Script> scripts = new EnumMap<>(Labels.Role.class);
    private final Map<Labels.Role, String> logs = new EnumMap<>(Labels.Role.class);
    private final Map<Labels.Role, Throwable> logFailures = new EnumMap<>(Labels.Role.class);
    private final Set<String> missingImages = new HashSet<>();
    /** What each registry serves, by {@code familiar()} reference (repo:tag); absent: no such tag. */
    private final Map<String, String> registry = new LinkedHashMap<>();
    private final List<String> registryLookups = new ArrayList<>();
    private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    private final Map<String, Integer> polls = new LinkedHashMap<>();
    private final Map<String, NetworkDefinition> networks = new LinkedHashMap<>();
    private final Map<String, Integer> lingering = new LinkedHashMap<>();
    // Containers whose service is gone and that Swarm never removes (id -> name): only removeContainer takes them.
    private final Map<String, String> orphans = new LinkedHashMap<>();
    private final List<ServiceDefinition> created = new ArrayList<>();
    private final Set<String> stopped = new HashSet<>();
    private final List<String> stops = new ArrayList<>();
    private int stopExitCode = 143;
    private boolean follows;
    private int dockerCalls;
    private boolean networkStuck;
    private SwarmException failCreateOf;
    private String failCreateName;
    /** One-shot calls (find a network, create a service) that still fail as if Docker did not answer. */
    private int unanswered;
    private AddressScript addressScript = (poll, n) -> allocated(n);
    private final Map<String, Integer> addressPolls = new LinkedHashMap<>();

    private final Map<Labels.Role, java.util.function.IntFunction<String>> placements = new java.util.EnumMap<>(Labels.Role.class);
    private final Map<String, String> nodeNames = new java.util.LinkedHashMap<>();
    private final Map<String, String> nodeStates = new java.util.LinkedHashMap<>();
    private List<io.atq.director.swarm.NodeLabel> nodeLabels = List.of();
    private final Set<Labels.Role> elsewhere = java.util.EnumSet.noneOf(Labels.Role.class);
    private final Map<String, Boolean> swarmTasks = new java.util.LinkedHashMap<>();

    public FakeSwarmClient(Journal journal) {
        this.journal = journal;
        scripts.put(Labels.Role.WORKER, (poll, n) -> poll == 0 ? all(n, ReplicaState.STARTING) : all(n, ReplicaState.RUNNING));
        scripts.put(Labels.Role.PROBE, (poll, n) -> poll == 0 ? List.of(running(1)) : List.of(complete(1, 0)));
        scripts.put(Labels.Role.MASTER, (poll, n) -> poll == 0 ? List.of(starting(1)) : poll < 3 ? List.of(running(1)) : List.of(complete(1, 0)));
        logs.put(Labels.Role.MASTER, "reached 10.0.9.2\nreached 10.0.9.3\nreached 10.0.9.4\nsummary reached=3 total=3\n");
    }

    public FakeSwarmClient() {
        this(new Journal());
    }

    // ---- scripting ----

    public FakeSwarmClient script(Labels.Role role, Script script) {
        scripts.put(role, script);
        return this;
    }

    /** Replica addresses of a service at its n-th {@link #taskAddresses} look, by slot. */
    @FunctionalInterface
    public interface AddressScript {
        Map<Integer, String> at(int poll, int replicas);
    }

    public FakeSwarmClient addresses(AddressScript script) {
        addressScript = script;
        return this;
    }

    /** The default addresses: {@code 10.0.9.<slot + 1>} for slots 1..n. */
    public static Map<Integer, String> allocated(int n) {
        Map<Integer, String> bySlot = new java.util.TreeMap<>();
        IntStream.rangeClosed(1, n).forEach(slot -> bySlot.put(slot, "10.0.9." + (slot + 1)));
        return bySlot;
    }

    public FakeSwarmClient log(Labels.Role role, String text) {
        logs.put(role, text);
        return this;
    }

    /** Makes {@link #followServiceLogs} deliver the role's log (by default it delivers nothing, as a client that cannot follow). */
    public FakeSwarmClient following() {
        follows = true;
        return this;
    }

    /** The exit code a stopped container reports (143: it exited on SIGTERM; 137: killed after the grace). */
    public FakeSwarmClient stopExitCode(int code) {
        stopExitCode = code;
        return this;
    }

    /** The registry now serves {@code digest} for {@code reference} (repo:tag), as a push moves a tag. */
    public synchronized FakeSwarmClient pushed(String reference, String digest) {
        registry.put(reference, digest);
        return this;
    }

    /** Every registry lookup so far, as "reference user" ("-" when anonymous). */
    public synchronized List<String> registryLookups() {
        return List.copyOf(registryLookups);
    }

    public FakeSwarmClient missingImage(String reference) {
        missingImages.add(reference);
        return this;
    }

    /** The network stays in use forever. */
    public FakeSwarmClient networkStuck() {
        networkStuck = true;
        return this;
    }

    /** Creating the named service fails. */
    public FakeSwarmClient failCreating(String name, SwarmException failure) {
        failCreateName = name;
        failCreateOf = failure;
        return this;
    }

    public static List<ReplicaStatus> all(int n, ReplicaState state) {
        return IntStream.rangeClosed(1, n).mapToObj(slot -> new ReplicaStatus(slot, state, state.name().toLowerCase(), null, null, null)).toList();
    }

    public static ReplicaStatus starting(int slot) {
        return new ReplicaStatus(slot, ReplicaState.STARTING, "preparing", "preparing", null, null);
    }

    public static ReplicaStatus running(int slot) {
        return new ReplicaStatus(slot, ReplicaState.RUNNING, "running", "started", null, null);
    }

    /** A replica Swarm shut down while it last showed running: what a manager reports for a task on a node it lost. */
    public static ReplicaStatus lost(int slot) {
        return new ReplicaStatus(slot, ReplicaState.RUNNING, "running", "started", null, null, null, null, true);
    }

    public static ReplicaStatus complete(int slot, int exitCode) {
        return exitCode == 0
                ? new ReplicaStatus(slot, ReplicaState.COMPLETE, "complete", "finished", null, 0)
                : new ReplicaStatus(slot, ReplicaState.FAILED, "failed", "started", "task: non-zero exit (" + exitCode + ")", exitCode);
    }

    public static ReplicaStatus rejected(int slot, String error) {
        return new ReplicaStatus(slot, ReplicaState.FAILED, "rejected", "preparing", error, null);
    }

    // ---- inspection ----

    public synchronized int dockerCalls() {
        return dockerCalls;
    }

    public synchronized List<ServiceDefinition> created() {
        return List.copyOf(created);
    }

    public synchronized ServiceDefinition created(Labels.Role role) {
        return created.stream().filter(s -> role.label().equals(s.labels().get(Labels.ROLE))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " service was created"));
    }

    /** The containers stopped gracefully, as "role grace". */
    public synchronized List<String> stops() {
        return List.copyOf(stops);
    }

    public synchronized Map<String, NetworkDefinition> networks() {
        return Map.copyOf(networks);
    }

    public synchronized Set<String> serviceNames() {
        return Set.copyOf(services.values().stream().map(ServiceDefinition::name).toList());
    }

    // ---- SwarmClient ----

    @Override
    public synchronized String resolveImageId(String reference) {
        dockerCalls++;
        if (missingImages.contains(reference)) {
            throw new SwarmException(SwarmException.Kind.NOT_FOUND, "inspect image " + reference, "No such image: " + reference, null);
        }
        return "sha256:" + Integer.toHexString(reference.hashCode());
    }

    @Override
    public synchronized String registryDigest(ImageReference image, RegistryAuth auth) {
        dockerCalls++;
        registryLookups.add(image.familiar() + " " + (auth == null ? "-" : auth.username()));
        String digest = registry.get(image.familiar());
        if (digest == null) {
            throw new SwarmException(SwarmException.Kind.NOT_FOUND, "resolve " + image.familiar() + " in its registry",
                    "manifest unknown", null);
        }
        return digest;
    }

    @Override
    public synchronized String createNetwork(NetworkDefinition network) {
        dockerCalls++;
        String id = "net-" + network.name();
        networks.put(id, network);
        journal.add("create network " + network.name());
        return id;
    }

    @Override
    public synchronized java.util.Optional<String> createNetworkIfAbsent(NetworkDefinition network) {
        dockerCalls++;
        String id = "net-" + network.name();
        if (networks.containsKey(id)) {
            journal.add("network exists " + network.name());
            return java.util.Optional.empty();
        }
        networks.put(id, network);
        journal.add("create network " + network.name());
        return java.util.Optional.of(id);
    }

    @Override
    public synchronized java.util.Optional<SwarmObject> findNetwork(String name) {
        dockerCalls++;
        answerOrNot("find network");
        String id = "net-" + name;
        NetworkDefinition found = networks.get(id);
        return found == null ? java.util.Optional.empty() : java.util.Optional.of(new SwarmObject(id, name, found.labels()));
    }

    /** The next {@code calls} network look-ups and service creates fail as if Docker did not answer. */
    public synchronized FakeSwarmClient notAnswering(int calls) {
        unanswered = calls;
        return this;
    }

    private void answerOrNot(String operation) {
        if (unanswered > 0) {
            unanswered--;
            journal.add("unanswered " + operation);
            throw new SwarmException(SwarmException.Kind.UNAVAILABLE, operation, "CircuitBreaker 'docker' is OPEN", null);
        }
    }

    /** Plants a network as if another director had created it. */
    public synchronized FakeSwarmClient existingNetwork(String name, Map<String, String> labels) {
        networks.put("net-" + name, new NetworkDefinition(name, labels));
        return this;
    }

    @Override
    public synchronized String createService(ServiceDefinition service) {
        dockerCalls++;
        answerOrNot("create service");
        if (service.name().equals(failCreateName)) {
            throw failCreateOf;
        }
        String id = "svc-" + service.name();
        ServiceDefinition existing = services.get(id);
        if (existing != null && java.util.Objects.equals(existing.labels().get(Labels.TASK), service.labels().get(Labels.TASK))) {
            // As DockerSwarmClient: a service of that name and task is adopted as it is (its spec, its replicas).
            journal.add("adopt service " + service.labels().get(Labels.ROLE));
            return id;
        }
        services.put(id, service);
        polls.put(id, 0);
        created.add(service);
        journal.add("create service " + service.labels().get(Labels.ROLE));
        return id;
    }

    @Override
    public synchronized java.util.Optional<String> serviceImage(String serviceName) {
        dockerCalls++;
        return java.util.Optional.ofNullable(services.get("svc-" + serviceName)).map(ServiceDefinition::imageId);
    }

    @Override
    public List<ReplicaStatus> serviceTasks(String serviceId) {
        ServiceDefinition service;
        int poll;
        Script script;
        synchronized (this) {
            dockerCalls++;
            service = services.get(serviceId);
            if (service == null) {
                throw new SwarmException(SwarmException.Kind.NOT_FOUND, "list tasks of service " + serviceId, "service not found", null);
            }
            poll = polls.merge(serviceId, 1, Integer::sum) - 1;
            script = scripts.get(role(service));
            if (stopped.contains(serviceId)) {
                return List.of(complete(1, stopExitCode));
            }
        }
        java.util.function.IntFunction<String> placement;
        synchronized (this) {
            placement = placements.get(role(service));
        }
        // Outside the lock: a script may block (a test holding a run in place) while the test inspects the fake.
        List<ReplicaStatus> statuses = script.at(poll, service.replicas());
        if (placement == null) {
            return statuses;
        }
        return statuses.stream().map(r -> new ReplicaStatus(r.slot(), r.state(), r.dockerState(), r.message(), r.error(),
                r.exitCode(), r.at(), placement.apply(r.slot()), r.givenUp())).toList();
    }

    /** The role's replicas are reported on node {@code nodeIdOfSlot(slot)} (by node id; see {@link #node}). */
    public synchronized FakeSwarmClient placedOn(Labels.Role role, java.util.function.IntFunction<String> nodeIdOfSlot) {
        placements.put(role, nodeIdOfSlot);
        return this;
    }

    /** The role's containers run on another node: this node's engine lists none of them. */
    public synchronized FakeSwarmClient elsewhere(Labels.Role role) {
        elsewhere.add(role);
        return this;
    }

    /** A node of the swarm: its id and hostname, as {@link #nodeNames()} reports them. */
    public synchronized FakeSwarmClient node(String id, String hostname) {
        nodeNames.put(id, hostname);
        return this;
    }

    /** A node of the swarm with its state as {@link #nodeState} reports it ({@code "down"}, {@code "ready, drain"}). */
    public synchronized FakeSwarmClient node(String id, String hostname, String state) {
        nodeNames.put(id, hostname);
        nodeStates.put(id, state);
        return this;
    }

    /** A swarm task (a service's container) and whether {@link #swarmTaskRunning} says Swarm runs it. */
    public synchronized FakeSwarmClient swarmTask(String id, boolean running) {
        swarmTasks.put(id, running);
        return this;
    }

    @Override
    public synchronized java.util.Optional<Boolean> swarmTaskRunning(String swarmTaskId) {
        dockerCalls++;
        return java.util.Optional.ofNullable(swarmTasks.get(swarmTaskId));
    }

    /** What {@link #nodeLabels} reports, whatever the key. */
    public synchronized FakeSwarmClient nodeLabels(List<io.atq.director.swarm.NodeLabel> labels) {
        nodeLabels = List.copyOf(labels);
        return this;
    }

    @Override
    public synchronized List<io.atq.director.swarm.NodeLabel> nodeLabels(String key) {
        dockerCalls++;
        return nodeLabels;
    }

    @Override
    public synchronized java.util.Optional<String> nodeState(String nodeId) {
        dockerCalls++;
        return java.util.Optional.ofNullable(nodeStates.get(nodeId));
    }

    @Override
    public synchronized Map<String, String> nodeNames() {
        dockerCalls++;
        return Map.copyOf(nodeNames);
    }

    @Override
    public synchronized java.util.SortedMap<Integer, String> taskAddresses(String serviceId, String networkId) {
        dockerCalls++;
        ServiceDefinition service = services.get(serviceId);
        if (service == null) {
            throw new SwarmException(SwarmException.Kind.NOT_FOUND, "list task addresses of service " + serviceId, "service not found", null);
        }
        if (!networkId.equals(service.networkId())) {
            return new java.util.TreeMap<>();
        }
        int poll = addressPolls.merge(serviceId, 1, Integer::sum) - 1;
        journal.add("addresses " + role(service).label());
        return new java.util.TreeMap<>(addressScript.at(poll, service.replicas()));
    }

    /** The role's log, in chunks of at most 7 bytes (cut anywhere, as Docker's frames may be). */
    @Override
    public void readServiceLogs(String serviceId, java.util.function.Consumer<byte[]> sink) {
        byte[] text;
        synchronized (this) {
            dockerCalls++;
            ServiceDefinition service = services.get(serviceId);
            if (service == null) {
                throw new SwarmException(SwarmException.Kind.NOT_FOUND, "read logs of service " + serviceId, "service not found", null);
            }
            journal.add("logs " + role(service).label());
            Throwable failure = logFailures.get(role(service));
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            String log = logs.getOrDefault(role(service), "");
            if (role(service) == Labels.Role.PROBE && !logs.containsKey(Labels.Role.PROBE)) {
                // As the real probe prints once every address it was given accepted the port.
                String given = service.env().getOrDefault(io.atq.contracts.discovery.ProbeScript.ADDRESSES, "");
                int n = given.isEmpty() ? 0 : given.split(",").length;
                log = "ATQ-REACHABLE " + n + " of " + n + "\nATQ-ADDRESSES " + given + "\n";
            }
            text = log.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        for (int from = 0; from < text.length; from += 7) {
            sink.accept(java.util.Arrays.copyOfRange(text, from, Math.min(text.length, from + 7)));
        }
    }

    /**
     * Makes every later full read of the role's log fail with {@code failure}, an unchecked exception or an Error (the
     * follow is not affected).
     */
    public synchronized FakeSwarmClient failingLogReads(Labels.Role role, Throwable failure) {
        logFailures.put(role, failure);
        return this;
    }

    /** When {@link #following()}: delivers the role's log in two chunks cut inside the first line, at once, then nothing. */
    @Override
    public synchronized io.atq.director.swarm.LogSubscription followServiceLogs(String serviceId,
                                                                               java.util.function.Consumer<byte[]> sink, Runnable ended) {
        dockerCalls++;
        ServiceDefinition service = services.get(serviceId);
        if (!follows) {
            return () -> { };
        }
        byte[] text = logs.getOrDefault(role(service), "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int cut = Math.min(3, text.length);
        journal.add("follow " + role(service).label());
        sink.accept(java.util.Arrays.copyOfRange(text, 0, cut));
        sink.accept(java.util.Arrays.copyOfRange(text, cut, text.length));
        return () -> journal.add("unfollow " + role(service).label());
    }

    /** Each replica's log: the role's log with every line prefixed "slot N: ". */
    @Override
    public void readServiceLogsBySlot(String serviceId, java.util.function.IntFunction<java.util.function.Consumer<byte[]>> sinks) {
        String text;
        int replicas;
        synchronized (this) {
            dockerCalls++;
            ServiceDefinition service = services.get(serviceId);
            if (service == null) {
                throw new SwarmException(SwarmException.Kind.NOT_FOUND, "list tasks of service " + serviceId, "service not found", null);
            }
            journal.add("logs by slot " + role(service).label());
            text = logs.getOrDefault(role(service), "");
            replicas = service.replicas();
        }
        for (int slot = 1; slot <= replicas; slot++) {
            int n = slot;
            java.util.function.Consumer<byte[]> sink = sinks.apply(slot);
            text.lines().forEach(line -> sink.accept(("slot " + n + ": " + line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Override
    public synchronized boolean stopContainer(String containerId, java.time.Duration grace) {
        dockerCalls++;
        String serviceId = containerId.replaceFirst("^c-", "");
        ServiceDefinition service = services.get(serviceId);
        if (service == null || stopped.contains(serviceId)) {
            return false;
        }
        stopped.add(serviceId);
        stops.add(role(service).label() + " " + grace);
        journal.add("stop " + role(service).label());
        return true;
    }

    /** Through Swarm: a master whose container is not on this node (the fake lists no container for it then). */
    @Override
    public synchronized boolean stopService(String serviceId) {
        dockerCalls++;
        ServiceDefinition service = services.get(serviceId);
        if (service == null) {
            return false;
        }
        if (stopped.add(serviceId)) {
            stops.add(role(service).label() + " " + service.stopGracePeriod() + " through Swarm");
            journal.add("stop " + role(service).label());
        }
        return true;
    }

    @Override
    public synchronized boolean removeService(String serviceIdOrName) {
        dockerCalls++;
        String serviceId = services.containsKey(serviceIdOrName) ? serviceIdOrName : "svc-" + serviceIdOrName;
        ServiceDefinition removed = services.remove(serviceId);
        if (removed == null) {
            return false;
        }
        lingering.put(serviceId, 1);
        journal.add("remove service " + role(removed).label());
        return true;
    }

    @Override
    public synchronized boolean removeNetwork(String networkId) {
        dockerCalls++;
        if (networkStuck || !services.isEmpty() || !lingering.isEmpty()) {
            throw new SwarmException(SwarmException.Kind.CONFLICT, "remove network " + networkId, "network is in use by task x", null);
        }
        boolean removed = networks.remove(networkId) != null;
        if (removed) {
            journal.add("remove network");
        }
        return removed;
    }

    @Override
    public synchronized List<io.atq.director.swarm.ServiceReplicas> listReplicas(String instance, String role) {
        dockerCalls++;
        return services.values().stream()
                .filter(d -> matches(d.labels(), instance, null) && role.equals(d.labels().get(io.atq.contracts.names.Labels.ROLE)))
                .map(d -> new io.atq.director.swarm.ServiceReplicas(d.name(), d.labels(), d.replicas()))
                .toList();
    }

    @Override
    public synchronized List<SwarmObject> listServices(String instance, TaskId taskId) {
        dockerCalls++;
        return services.entrySet().stream()
                .filter(e -> matches(e.getValue().labels(), instance, taskId))
                .map(e -> new SwarmObject(e.getKey(), e.getValue().name(), e.getValue().labels()))
                .toList();
    }

    @Override
    public synchronized List<SwarmObject> listNetworks(String instance, TaskId taskId) {
        dockerCalls++;
        return networks.entrySet().stream()
                .filter(e -> matches(e.getValue().labels(), instance, taskId))
                .map(e -> new SwarmObject(e.getKey(), e.getValue().name(), e.getValue().labels()))
                .toList();
    }

    /** Leaves a container Swarm will never remove (created while its service was being removed). */
    public synchronized void leaveOrphanContainer(String id, String name) {
        orphans.put(id, name);
    }

    @Override
    public synchronized boolean removeContainer(String containerId) {
        dockerCalls++;
        journal.add("remove container " + containerId);
        return orphans.remove(containerId) != null;
    }

    @Override
    public synchronized List<SwarmObject> listContainers(String instance, TaskId taskId) {
        dockerCalls++;
        List<SwarmObject> containers = new ArrayList<>();
        services.forEach((id, s) -> {
            if (!elsewhere.contains(role(s))) {
                containers.add(new SwarmObject("c-" + id, s.name() + ".1", s.labels()));
            }
        });
        // A removed service's containers take one more look to go away.
        lingering.forEach((id, left) -> containers.add(new SwarmObject("c-" + id, id, Map.of())));
        orphans.forEach((id, name) -> containers.add(new SwarmObject(id, name, Map.of())));
        lingering.replaceAll((id, left) -> left - 1);
        lingering.values().removeIf(left -> left <= 0);
        return containers;
    }

    @Override
    public synchronized NodeInfo node() {
        dockerCalls++;
        return new NodeInfo("20.10.24", "active", true);
    }

    @Override
    public synchronized void pullImage(String reference) {
        throw new AssertionError("tests never pull");
    }

    private static Labels.Role role(ServiceDefinition service) {
        String label = service.labels().get(Labels.ROLE);
        for (Labels.Role role : Labels.Role.values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new AssertionError("service " + service.name() + " has no role label");
    }

    private static boolean matches(Map<String, String> labels, String instance, TaskId taskId) {
        return instance.equals(labels.get(Labels.INSTANCE)) && (taskId == null || taskId.value().equals(labels.get(Labels.TASK)));
    }
}
