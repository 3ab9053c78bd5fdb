package io.atq.bench;

import io.atq.contracts.names.EnvVars;
import io.atq.contracts.names.Labels;
import org.jspecify.annotations.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The minimal baseline of figure 2: the Swarm steps of a 3-worker demo task done by the {@code docker} CLI, one
 * process per call, and nothing else — no probe, no log reading. Network (overlay, attachable, as the director makes
 * it), worker service (dnsrr, 3 replicas, restart none, the director's default limits), wait until the 3 replicas
 * run, their addresses on the network, master with {@code REMOTES}, wait for its exit (= SUCCEEDED), remove the
 * services, wait until no container of the task is left, remove the network. Polls every {@link SwarmBaseline#POLL}.
 * Every object carries the four ATQ labels, with instance {@code atq-bench-baseline}; several may run at once
 * (figure 4), each on its own task id.
 */
final class CliPipeline {
    private static final String WORKER_IMAGE = "atq/demo-worker:1";
    private static final String MASTER_IMAGE = "atq/demo-master:1";
    private static final int WORKERS = 3;
    private static final String WORKER_PORT = "8080";
    /** A wait longer than this is a failure: under 50 pipelines at once on 2 cores a step may take tens of seconds. */
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(5);

    /**
     * Times from the first {@code docker} call: master running, master exited (the verdict), everything removed; the
     * master's exit code, every step's end, and how many {@code docker} processes the run started.
     */
    record Result(String task, long runningNanos, long doneNanos, long removedNanos, int exitCode, Map<String, Long> steps,
                  int dockerCalls) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final String instance;
    private final Path resultsRoot;
    private final String docker;

    CliPipeline(String instance, Path resultsRoot) {
        this(instance, resultsRoot, "docker");
    }

    CliPipeline(String instance, Path resultsRoot, String docker) {
        this.instance = instance;
        this.resultsRoot = resultsRoot;
        this.docker = docker;
    }

    Result run() throws Exception {
        String task = "c" + UUID.randomUUID().toString().substring(0, 12);
        String prefix = "atq-bench-" + task;
        Path results = Files.createDirectories(resultsRoot.resolve(task));
        AtomicInteger calls = new AtomicInteger();
        List<String> services = new ArrayList<>();
        String network = null;
        Map<String, Long> steps = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try {
            network = docker(calls, labelled(List.of("network", "create", "--driver", "overlay", "--attachable"), task,
                    Labels.Role.NETWORK, false), prefix + "-net").strip();
            steps.put("network_created", System.nanoTime() - t0);
            // Image ids, as the director gives Swarm: with a tag the swarm executor tries a pull on every task start.
            String[] images = docker(calls, List.of("image", "inspect", "--format", "{{.Id}}"), WORKER_IMAGE, MASTER_IMAGE)
                    .strip().split("\\s+");
            if (images.length != 2) {
                throw new IllegalStateException("CLI baseline: `docker image inspect` printed " + Arrays.toString(images));
            }
            steps.put("images_inspected", System.nanoTime() - t0);

            String workers = createService(calls, services, prefix + "-workers", task, Labels.Role.WORKER, network, WORKERS,
                    Map.of("MODE", "node", EnvVars.TASK_ID, task), null, images[0]);
            steps.put("workers_created", System.nanoTime() - t0);
            List<CliTasks.Task> running = await(() -> {
                List<CliTasks.Task> tasks = ps(calls, workers);
                CliTasks.firstFailed(tasks).ifPresent(failed -> {
                    throw new IllegalStateException("CLI baseline worker " + failed.state() + ": " + failed.error());
                });
                return CliTasks.running(tasks) >= WORKERS ? Optional.of(tasks) : Optional.empty();
            }, "3 workers running", () -> describe(calls, workers));
            steps.put("workers_running", System.nanoTime() - t0);

            String net = network;
            List<String> taskIds = running.stream().filter(t -> t.state() == CliTasks.State.RUNNING).map(CliTasks.Task::id).toList();
            List<String> addresses = await(() -> {
                List<String> args = new ArrayList<>(List.of("inspect", "--type", "task", "--format", CliTasks.ADDRESS_FORMAT));
                args.addAll(taskIds);
                return CliTasks.inSlotOrder(CliTasks.parseAddresses(docker(calls, args), net), WORKERS);
            }, "worker addresses", () -> describe(calls, workers));
            steps.put("addresses_read", System.nanoTime() - t0);

            String csv = String.join(",", addresses);
            String master = createService(calls, services, prefix + "-master", task, Labels.Role.MASTER, network, 1,
                    Map.of("MODE", "master", EnvVars.REMOTES, csv, EnvVars.WORKER_CSV_VIPS, csv, EnvVars.WORKER_PORT, WORKER_PORT,
                            EnvVars.TASK_ID, task), results, images[1]);
            steps.put("master_created", System.nanoTime() - t0);
            long[] runningAt = {-1};
            CliTasks.Task exited = await(() -> {
                List<CliTasks.Task> tasks = ps(calls, master);
                if (runningAt[0] < 0 && tasks.stream().anyMatch(t -> t.state() == CliTasks.State.RUNNING || t.state().ended())) {
                    runningAt[0] = System.nanoTime() - t0;
                }
                return tasks.stream().filter(t -> t.state().ended()).findFirst();
            }, "master exited", () -> describe(calls, master));
            long done = System.nanoTime() - t0;
            steps.put("master_running", runningAt[0]);
            steps.put("master_exited", done);

            removeAll(calls, task, services, network, steps, t0);
            network = null;
            return new Result(task, runningAt[0], done, System.nanoTime() - t0, exited.exitCode(), steps, calls.get());
        } finally {
            if (network != null || !services.isEmpty()) {
                removeAll(calls, task, services, network, new LinkedHashMap<>(), t0);
            }
        }
    }

    private String createService(AtomicInteger calls, List<String> services, String name, String task, Labels.Role role,
                                 String network, int replicas, Map<String, String> env, @Nullable Path results, String image) {
        List<String> args = new ArrayList<>(List.of("service", "create", "--detach", "--no-resolve-image", "--name", name,
                "--replicas", Integer.toString(replicas), "--endpoint-mode", "dnsrr", "--restart-condition", "none",
                "--network", network,
                // The director's default limits (limits.defaultResources) and stop grace period (evidence.stopGracePeriod).
                "--limit-memory", "256m", "--limit-cpu", "0.5", "--limit-pids", "256", "--stop-grace-period", "10s"));
        env.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> args.addAll(List.of("--env", e.getKey() + "=" + e.getValue())));
        if (results != null) {
            args.addAll(List.of("--mount", "type=bind,source=" + results + ",target=/atq/results"));
        }
        String id = docker(calls, labelled(args, task, role, true), image).strip();
        services.add(id);
        return id;
    }

    /** {@code args} with the four ATQ labels (on the object and, for a service, on its containers). */
    private List<String> labelled(List<String> args, String task, Labels.Role role, boolean service) {
        List<String> all = new ArrayList<>(args);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.TASK, task);
        labels.put(Labels.ROLE, role.label());
        labels.put(Labels.INSTANCE, instance);
        labels.put(Labels.MANAGED, "true");
        labels.forEach((k, v) -> {
            all.addAll(List.of("--label", k + "=" + v));
            if (service) {
                all.addAll(List.of("--container-label", k + "=" + v));
            }
        });
        return all;
    }

    private List<CliTasks.Task> ps(AtomicInteger calls, String service) {
        return CliTasks.parsePs(docker(calls, List.of("service", "ps", "--no-trunc", "--format", CliTasks.PS_FORMAT), service));
    }

    /** Services, then wait until no container of the task is left, then the network (the director's order). */
    private void removeAll(AtomicInteger calls, String task, List<String> services, @Nullable String network,
                           Map<String, Long> steps, long t0) throws InterruptedException {
        if (!services.isEmpty()) {
            try {
                List<String> args = new ArrayList<>(List.of("service", "rm"));
                args.addAll(services);
                docker(calls, args);
            } catch (IllegalStateException e) {
                // already gone
            }
            services.clear();
        }
        steps.put("services_removed", System.nanoTime() - t0);
        if (network == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> mine = List.of("ps", "--all", "--quiet", "--filter", "label=" + Labels.INSTANCE + "=" + instance,
                "--filter", "label=" + Labels.TASK + "=" + task);
        while (!docker(calls, mine).isBlank() && System.nanoTime() < deadline) {
            Thread.sleep(SwarmBaseline.POLL.toMillis());
        }
        steps.put("containers_gone", System.nanoTime() - t0);
        while (true) {
            try {
                docker(calls, List.of("network", "rm"), network);
                steps.put("network_removed", System.nanoTime() - t0);
                return;
            } catch (IllegalStateException inUse) {
                String message = String.valueOf(inUse.getMessage());
                if (message.contains("not found") || message.contains("No such network")) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw inUse;
                }
                Thread.sleep(SwarmBaseline.POLL.toMillis());
            }
        }
    }

    /** What the CLI says about a service's tasks, for the message of a wait that timed out. */
    private String describe(AtomicInteger calls, String service) {
        try {
            return docker(calls, List.of("service", "ps", "--no-trunc", "--format", CliTasks.PS_FORMAT), service).strip();
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private String docker(AtomicInteger calls, List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        calls.incrementAndGet();
        return Command.run(docker, all);
    }

    private interface Poll<T> {
        Optional<T> poll() throws Exception;
    }

    private static <T> T await(Poll<T> poll, String what, Supplier<String> state) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            Optional<T> result = poll.poll();
            if (result.isPresent()) {
                return result.get();
            }
            Thread.sleep(SwarmBaseline.POLL.toMillis());
        }
        throw new IllegalStateException("CLI baseline: no " + what + " within " + TimeUnit.NANOSECONDS.toMinutes(WAIT_NANOS)
                + " min; " + state.get());
    }
}
