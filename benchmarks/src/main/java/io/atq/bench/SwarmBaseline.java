package io.atq.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.atq.contracts.discovery.ProbeScript;
import io.atq.contracts.discovery.TaskAddresses;
import io.atq.contracts.names.EnvVars;
import io.atq.contracts.names.Labels;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The orchestration baseline: the same Swarm steps as a director, done directly with docker-java (the director's
 * version and transport) and nothing else — network, worker service (dnsrr, 3 replicas), their addresses from
 * {@code GET /tasks}, the probe with them, wait until the workers run and the probe confirmed the port, master, wait for
 * its exit, read its log, remove. Every object carries the ATQ labels, with instance {@code atq-bench-baseline}.
 */
final class SwarmBaseline {
    /** Pause between two polls of the baseline: frequent, but not so tight that it competes for the 2 cores. */
    static final Duration POLL = Duration.ofMillis(50);
    private static final Set<TaskState> ENDED = Set.of(TaskState.COMPLETE, TaskState.FAILED, TaskState.REJECTED,
            TaskState.SHUTDOWN, TaskState.ORPHANED, TaskState.REMOVE);

    /** Times from the first Docker call: master running, verdict and log in, everything removed. */
    record Result(long runningNanos, long doneNanos, long removedNanos, int exitCode, Map<String, Long> steps) {
    }

    private final DockerClient docker;
    /** The client's own transport, for {@code GET /tasks} raw (docker-java's Task model has no network attachments). */
    private final DockerHttpClient http;
    private final String instance;
    private final Path resultsRoot;

    SwarmBaseline(DockerClient docker, String instance, Path resultsRoot) {
        this.docker = docker;
        this.http = ((DockerClientImpl) docker).getHttpClient();
        this.instance = instance;
        this.resultsRoot = resultsRoot;
    }

    /** A docker-java client built like the director's {@code DockerClients.create}: httpclient5, no API version. */
    static DockerClient dockerClient() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock")
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    Result run() throws Exception {
        String task = "b" + UUID.randomUUID().toString().substring(0, 12);
        String prefix = "atq-bench-" + task;
        Path results = Files.createDirectories(resultsRoot.resolve(task));
        List<String> services = new ArrayList<>();
        String network = null;
        long t0 = System.nanoTime();
        Map<String, Long> steps = new java.util.LinkedHashMap<>();
        try {
            network = docker.createNetworkCmd().withName(prefix + "-net").withDriver("overlay").withAttachable(true)
                    .withCheckDuplicate(true).withLabels(labels(task, Labels.Role.NETWORK)).exec().getId();
            String workerImage = docker.inspectImageCmd("atq/demo-worker:1").exec().getId();
            String masterImage = docker.inspectImageCmd("atq/demo-master:1").exec().getId();
            String probeImage = docker.inspectImageCmd("atq/probe:1").exec().getId();

            String workers = create(services, spec(prefix + "-workers", workerImage, 3, List.of(),
                    Map.of("MODE", "node", EnvVars.TASK_ID, task), network, labels(task, Labels.Role.WORKER), null));
            steps.put("workers_created", System.nanoTime() - t0);
            // As the director: the workers' addresses from Swarm's task records (allocated with the tasks), and the
            // probe created with them at once, so its container starts while the workers' do.
            String net = network;
            List<String> addresses = await(() -> allocated(workers, net, 3), "worker addresses", () -> describe(workers));
            String probe = create(services, spec(prefix + "-probe", probeImage, 1, ProbeScript.command(),
                    Map.of(ProbeScript.ADDRESSES, String.join(",", addresses), ProbeScript.PORT, "8080", EnvVars.TASK_ID, task),
                    network, labels(task, Labels.Role.PROBE), null));
            await(() -> running(workers) >= 3 ? Optional.of(true) : Optional.empty(), "workers running", () -> describe(workers));
            steps.put("workers_running", System.nanoTime() - t0);

            Task probeTask = await(() -> ended(probe), "probe ended", () -> describe(probe));
            if (probeTask.getStatus().getState() != TaskState.COMPLETE) {
                throw new IllegalStateException("baseline probe ended " + probeTask.getStatus().getState());
            }
            String confirmed = logs(probe).lines().filter(l -> l.startsWith(ProbeScript.DONE + " ")).findFirst()
                    .map(l -> l.substring(ProbeScript.DONE.length() + 1).strip())
                    .orElseThrow(() -> new IllegalStateException("baseline probe printed no addresses"));
            if (!confirmed.equals(String.join(",", addresses))) {
                throw new IllegalStateException("baseline probe confirmed " + confirmed + ", not " + addresses);
            }
            docker.removeServiceCmd(probe).exec();
            services.remove(probe);
            steps.put("probe_done", System.nanoTime() - t0);

            String master = create(services, spec(prefix + "-master", masterImage, 1, List.of(),
                    Map.of("MODE", "master", EnvVars.REMOTES, confirmed, EnvVars.WORKER_CSV_VIPS, confirmed,
                            EnvVars.WORKER_PORT, "8080", EnvVars.TASK_ID, task),
                    network, labels(task, Labels.Role.MASTER), results));
            await(() -> tasks(master).stream().filter(t -> t.getStatus().getState() == TaskState.RUNNING
                    || ENDED.contains(t.getStatus().getState())).findFirst(), "master running", () -> describe(master));
            long running = System.nanoTime() - t0;
            Task exited = await(() -> ended(master), "master exited", () -> describe(master));
            Files.writeString(results.resolve("master.log"), logs(master));
            long done = System.nanoTime() - t0;
            int exitCode = exited.getStatus().getContainerStatus().getExitCodeLong().intValue();
            removeAll(services, network);
            network = null;
            return new Result(running, done, System.nanoTime() - t0, exitCode, steps);
        } finally {
            if (network != null || !services.isEmpty()) {
                removeAll(services, network);
            }
        }
    }

    private String create(List<String> services, ServiceSpec spec) {
        String id = docker.createServiceCmd(spec).exec().getId();
        services.add(id);
        return id;
    }

    private ServiceSpec spec(String name, String image, int replicas, List<String> command, Map<String, String> env,
                             String network, Map<String, String> labels, @Nullable Path results) {
        ContainerSpec container = new SysctlContainerSpec(Labels.Role.PROBE.label().equals(labels.get(Labels.ROLE))
                ? ProbeScript.SYSCTLS : Map.of()).withImage(image)
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .withLabels(labels)
                .withStopGracePeriod(Duration.ofSeconds(2).toNanos());
        if (!command.isEmpty()) {
            container = container.withCommand(command);
        }
        if (results != null) {
            container = container.withMounts(List.of(new Mount().withType(MountType.BIND)
                    .withSource(results.toString()).withTarget("/atq/results")));
        }
        TaskSpec template = new TaskSpec().withContainerSpec(container)
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE))
                // The same limits as the director's defaults (256m, 0.5 CPU).
                .withResources(new ResourceRequirements().withLimits(new ResourceSpecs()
                        .withMemoryBytes(256L * 1024 * 1024).withNanoCPUs(500_000_000L)))
                .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network)));
        return new ServiceSpec().withName(name).withLabels(labels).withTaskTemplate(template)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas)))
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR));
    }

    /** docker-java 3.7.1's ContainerSpec has no {@code Sysctls}; the probe sets some, as the director's does. */
    private static final class SysctlContainerSpec extends ContainerSpec {
        private static final long serialVersionUID = 1L;

        @JsonProperty("Sysctls")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        private final Map<String, String> sysctls;

        SysctlContainerSpec(Map<String, String> sysctls) {
            this.sysctls = Map.copyOf(sysctls);
        }
    }

    private Map<String, String> labels(String task, Labels.Role role) {
        return Map.of(Labels.TASK, task, Labels.ROLE, role.label(), Labels.INSTANCE, instance, Labels.MANAGED, "true");
    }

    private List<Task> tasks(String service) {
        try {
            return docker.listTasksCmd().withServiceFilter(service).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException notYet) {
            // Seen right after a create on a busy manager: the service is not visible to the task filter yet.
            return List.of();
        }
    }

    /** Every replica's address on the network, in slot order, once Swarm has allocated all {@code replicas}. */
    private Optional<List<String>> allocated(String service, String network, int replicas) {
        String filters = "{\"service\":[\"" + service + "\"]}";
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/tasks?filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8)).build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() == 404) {
                // As tasks(): right after a create the service may not be visible to the task filter yet.
                return Optional.empty();
            }
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("baseline: GET /tasks answered " + response.getStatusCode() + ": " + body);
            }
            Map<Integer, String> bySlot = TaskAddresses.onNetwork(body, network);
            List<String> addresses = new ArrayList<>();
            for (int slot = 1; slot <= replicas; slot++) {
                if (!bySlot.containsKey(slot)) {
                    return Optional.empty();
                }
                addresses.add(bySlot.get(slot));
            }
            return Optional.of(addresses);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long running(String service) {
        List<Task> tasks = tasks(service);
        for (Task t : tasks) {
            if (t.getStatus().getState() == TaskState.FAILED || t.getStatus().getState() == TaskState.REJECTED) {
                throw new IllegalStateException("baseline task failed: " + t.getStatus().getErr());
            }
        }
        return tasks.stream().filter(t -> t.getStatus().getState() == TaskState.RUNNING).count();
    }

    private Optional<Task> ended(String service) {
        return tasks(service).stream().filter(t -> ENDED.contains(t.getStatus().getState())).findFirst();
    }

    private String logs(String service) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> callback = docker.logServiceCmd(service).withStdout(true).withStderr(true)
                .withFollow(false).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        synchronized (bytes) {
                            bytes.writeBytes(frame.getPayload());
                        }
                    }
                });
        callback.awaitCompletion(30, TimeUnit.SECONDS);
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private interface Poll<T> {
        Optional<T> poll();
    }

    /** What Docker says about a service, for the message of a wait that timed out. */
    private String describe(String service) {
        try {
            docker.inspectServiceCmd(service).exec();
        } catch (DockerException e) {
            return "service " + service + " is gone: " + e.getMessage();
        }
        return "tasks " + tasks(service).stream().map(t -> t.getStatus().getState() + " " + t.getStatus().getMessage()
                + (t.getStatus().getErr() == null ? "" : " " + t.getStatus().getErr())).toList();
    }

    private static <T> T await(Poll<T> poll, String what, java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Optional<T> result = poll.poll();
            if (result.isPresent()) {
                return result.get();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("baseline: no " + what + " within 2 min; " + state.get());
    }

    /** Services first, then the network, retried while Docker still holds it (containers linger after a service goes). */
    private void removeAll(List<String> services, @Nullable String network) throws InterruptedException {
        for (String service : List.copyOf(services)) {
            try {
                docker.removeServiceCmd(service).exec();
            } catch (DockerException e) {
                // already gone
            }
            services.remove(service);
        }
        if (network == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // As the director's clean-up does: the network goes only once no container of the task is left, so
        // "removed" means the same thing on both sides (Swarm stops a removed service's containers a few seconds later).
        Map<String, String> mine = Map.of(Labels.INSTANCE, instance, Labels.MANAGED, "true");
        while (!docker.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec().isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
        while (true) {
            try {
                docker.removeNetworkCmd(network).exec();
                return;
            } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                return;
            } catch (DockerException inUse) {
                if (System.nanoTime() > deadline) {
                    throw inUse;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }
}
