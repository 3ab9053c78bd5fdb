package io.atq.director.orchestration;

import io.atq.contracts.discovery.ProbeScript;
import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ImageDistribution;
import io.atq.contracts.config.Placement;
import io.atq.contracts.config.RegistryAuth;
import io.atq.contracts.config.Resources;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.names.EnvVars;
import io.atq.contracts.names.Labels;
import io.atq.contracts.names.TaskFolderLayout;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.validation.AdmittedImage;
import io.atq.contracts.validation.AdmittedSpec;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.events.EventPublishException;
import io.atq.director.events.TaskEvents;
import io.atq.director.swarm.BindMount;
import io.atq.director.swarm.NetworkDefinition;
import io.atq.director.swarm.ReplicaState;
import io.atq.director.swarm.ReplicaStatus;
import io.atq.director.swarm.ServiceDefinition;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import io.atq.director.swarm.SwarmObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One task from PROVISIONING to its terminal phase and clean-up: the one engine, for a task this director took from the
 * request queue and for one it took over from a dead director ({@link Start}). The steps — network, workers, discovery,
 * master, await, collect, verdict, clean-up — each adopt what already exists in Swarm (unique names, the task's labels)
 * and create what does not, and a phase is recorded only when the task has not reached it yet, so a takeover starts at
 * the step after the last phase in the task log and no phase is recorded twice. Every wait polls Swarm every poll
 * interval against a deadline (its phase budget, never past the task's own deadline), checks for a cancel and rides
 * out Docker outages. The verdict is {@link Verdict}'s, then the thresholds' ({@link ThresholdVerdict}) on the results
 * summarized at the end. Whatever happens, the task ends in a terminal phase and its Swarm objects are removed.
 */
public final class TaskRun {
    private static final Logger log = LoggerFactory.getLogger(TaskRun.class);
    /** Where the master sees the task folder's {@code results/}, and each worker its {@code results/workers/<slot>/}. */
    public static final String RESULTS_TARGET = "/atq/results";
    /**
     * Swarm expands this template in a bind mount's source for each replica, so one service gives every worker a
     * folder of its own: {@code results/workers/1}, {@code results/workers/2}, ...
     */
    static final String SLOT_TEMPLATE = "{{.Task.Slot}}";
    /** Where the master and the workers see the task's test-data bundle (read-only). */
    public static final String DATA_TARGET = "/atq/data";
    /** How long past the grace period a stopped master's task may take to show as ended. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);
    /** Pins the discovery probe to a worker's node (see {@link #createProbe(Optional)}). */
    static final String PROBE_NODE_CONSTRAINT = "node.id==";
    /** Swarm's scheduler status of a replica no node can take (Docker 20.10: "no suitable node (…)"). */
    static final String UNPLACEABLE = "no suitable node";
    /** The pause point right after the master was stopped on a cancel or at the deadline (see {@link PausePoint}). */
    static final String STOPPED_MASTER = "STOPPED_MASTER";
    /** The phases of a run in their order: a step's phase is recorded only when the task is before it. */
    private static final List<Phase> STEPS = List.of(Phase.QUEUED, Phase.PROVISIONING, Phase.STARTING_WORKERS,
            Phase.DISCOVERING, Phase.STARTING_MASTER, Phase.RUNNING, Phase.COLLECTING);

    /**
     * Where a run starts.
     *
     * @param lastPhase the last phase in the task log ({@code QUEUED} for a request taken from the queue)
     * @param deadOwner the director that died with the task, or null for a fresh run
     */
    public record Start(Phase lastPhase, @Nullable String deadOwner) {
        /** A request from the queue: every step from the first. */
        public static final Start FRESH = new Start(Phase.QUEUED, null);

        public Start {
            if (!STEPS.contains(lastPhase)) {
                throw new IllegalArgumentException("a run cannot start after " + lastPhase);
            }
        }

        /** A task taken over from {@code deadOwner}, whose last logged phase is {@code lastPhase}. */
        public static Start takenOver(Phase lastPhase, String deadOwner) {
            return new Start(lastPhase, java.util.Objects.requireNonNull(deadOwner, "deadOwner"));
        }

        /** Whether another director began this task. */
        public boolean takeover() {
            return deadOwner != null;
        }
    }

    private final TaskRequested request;
    private final TaskSpec spec;
    private final TaskId taskId;
    /** The spec's images as intake (or the takeover) admitted them: parsed once, with their whitelist rules. */
    private final AdmittedSpec admitted;
    private final ImageReference probe;
    private final RunSettings settings;
    private final AtqConfig config;
    private final SwarmClient swarm;
    private final TaskEvents events;
    private final TaskFiles files;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CancelSignal cancel;
    private final HandOver handOver;
    private final PhaseRecorder phases;
    private final CompletableFuture<Void> provisioned = new CompletableFuture<>();
    private final TaskEvidence evidence;
    private final Start start;

    private @Nullable Path taskFolder;
    /** What the services are created with (and the task records as run): local ids, or references pinned to digests. */
    private ImageToRun workerImage;
    private ImageToRun masterImage;
    private ImageToRun probeImage;
    private String networkId;
    private @Nullable String workersId;
    private @Nullable String probeId;
    /** The workers' replicas as the last poll while they started saw them (empty before, and on a takeover past it). */
    private List<ReplicaStatus> lastWorkers = List.of();
    private @Nullable String masterId;
    /** The workers' addresses on the task network, in slot order, once Swarm has allocated every one. */
    private @Nullable List<String> workerAddresses;
    private boolean evidenceCollected;
    /** Swarm gave the master up (its node lost): it cannot be stopped and its log cannot be completed. */
    private boolean masterLost;
    private final PausePoint pause;
    /** Whether the last poll found Docker unreachable (logged once per outage, not once per poll). */
    private boolean dockerAway;

    // The network and the images are set by provision(), the first step; only the steps after it read them.
    @SuppressWarnings("NullAway.Init")
    public TaskRun(TaskRequested request, AdmittedSpec admitted, Start start, TaskEvents events, RunTools tools) {
        if (!admitted.spec().equals(request.spec())) {
            throw new IllegalArgumentException("task " + request.taskId() + ": the admitted spec is not the request's");
        }
        this.request = request;
        this.admitted = admitted;
        this.start = start;
        this.spec = request.spec();
        this.taskId = request.taskId();
        this.settings = tools.settings();
        this.config = tools.config();
        this.swarm = tools.swarm();
        this.events = events;
        this.files = tools.files();
        this.clock = tools.clock();
        this.sleeper = tools.sleeper();
        this.cancel = tools.cancel();
        this.handOver = tools.handOver();
        // A takeover never pauses: fault-injection tests kill the first owner there.
        this.pause = start.takeover() ? PausePoint.NONE : tools.pause();
        // The configuration's probe image was checked when it was loaded.
        this.probe = ImageReference.parse(config.probeImage());
        this.evidence = new TaskEvidence(taskId, swarm, files, tools.results(), SecretArgs.scrubber(admitted), settings.maxLogBytes());
        this.phases = new PhaseRecorder(taskId, request.requestedAt(), settings.directorId(), events, clock,
                start.takeover() ? start.lastPhase() : null,
                new PhaseRecorder.Reporting(phase -> Callback.reported(spec.callback(), phase), evidence::evidence, evidence::summary,
                        () -> ThresholdVerdict.reported(spec.thresholds(), evidence.results()), tools.observer()));
    }

    /** The task this run is for. */
    public TaskId taskId() {
        return taskId;
    }

    /**
     * Completes once the run's progress is recorded in Swarm (the labelled network exists) or the run ended before
     * that; the request message may be acknowledged then.
     */
    public CompletableFuture<Void> provisioned() {
        return provisioned;
    }

    /** The phase last recorded. */
    public Phase phase() {
        return phases.current();
    }

    /**
     * Runs the task to its end and removes what it created; or, when this director hands its tasks over (see
     * {@link HandOver}), stops where it is and leaves the task to the heir. Never throws.
     */
    public void run() {
        boolean interrupted = false;
        boolean owned = true;
        if (start.takeover()) {
            log.info("task {}: taking over from director {} (dead or gone) after {}", taskId, start.deadOwner(), start.lastPhase());
        }
        try {
            provision();
            startWorkers();
            List<String> addresses = discover();
            startMaster(addresses);
            ReplicaStatus master = awaitMaster();
            collect(master);
        } catch (TaskOwnedElsewhere e) {
            // A duplicate delivery raced with another director, which won the network: it alone writes this task.
            owned = false;
            log.debug("task {}: skipped, another director owns it: {}", taskId, e.getMessage());
        } catch (RunAborted abort) {
            owned = !handedOver() && finished(abort, true);
        } catch (InterruptedException e) {
            interrupted = true;
            // The director is stopping: no waiting for a graceful stop (removal still sends SIGTERM first).
            owned = !handedOver() && finished(RunAborted.failed(FailureCause.INFRA, "the director stopped during " + phases.current()), false);
        } catch (SwarmException e) {
            interrupted = Thread.interrupted();
            owned = !handedOver() && finished(RunAborted.failed(FailureCause.INFRA, Objects.requireNonNull(e.getMessage())), !interrupted);
        } catch (EventPublishException e) {
            if (!handedOver()) {
                log.error("task {}: cannot record progress, failing it: {}", taskId, e.getMessage());
                finish(RunAborted.failed(FailureCause.INFRA, "cannot record progress: " + e.getMessage()), true);
            } else {
                owned = false;
            }
        } catch (Throwable e) {
            // Anything else, Errors included (an OutOfMemoryError must not leave the task without a verdict).
            if (handedOver()) {
                owned = false;
            } else {
                log.error("task {}: unexpected failure in {}", taskId, phases.current(), e);
                finishAfter(e);
            }
        } finally {
            if (networkId == null && !start.takeover() && handOver.underway()) {
                // Nothing in Swarm says this task exists: its request must go back to the queue, not be acknowledged.
                provisioned.completeExceptionally(new HandedOver(taskId));
            }
            provisioned.complete(null);
            // A stop request must not cut the clean-up short: clear the flag, restore it afterwards.
            interrupted |= Thread.interrupted();
            if (owned) {
                interrupted |= pausedBeforeCleanUpWasInterrupted();
                cleanUp();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #finish}, then true: the run still owns its task and cleans it up. */
    private boolean finished(RunAborted abort, boolean stopGracefully) {
        finish(abort, stopGracefully);
        return true;
    }

    /**
     * When this director hands its tasks over and the verdict is not recorded yet: stops following the master's log
     * and leaves everything else as it is (true). Otherwise false: the run ends the task itself.
     */
    private boolean handedOver() {
        if (!handOver.underway() || phases.current().isTerminal()) {
            return false;
        }
        evidence.stopFollowing();
        log.info("task {}: handed over after {} (this director is stopping; another takes it over from there)", taskId, phases.current());
        return true;
    }

    private void provision() throws RunAborted, TaskOwnedElsewhere, InterruptedException {
        // The network first: its name is unique in the swarm, so whoever creates it owns the task (duplicates lose here
        // before recording anything).
        // A fresh run's claim is its first call, made while intake runs (so Docker answered); a takeover's may meet an outage.
        networkId = start.takeover() ? patiently(settings.workersRunning(), this::adoptTaskNetwork) : claimTaskNetwork();
        advance(Phase.PROVISIONING);
        provisioned.complete(null);
        try {
            taskFolder = files.createTaskFolder(taskId, spec.workers().replicas());
        } catch (UncheckedIOException e) {
            throw RunAborted.failed(FailureCause.INFRA, "cannot create the task folder: " + Objects.requireNonNull(e.getCause()).getMessage());
        }
        // Once per task, here: services are created by these very ids or digests, so this is what they run however the
        // tags move later.
        workerImage = patiently(settings.workersRunning(), () -> imageOf(taskId.workersName(), admitted.workers(), null));
        masterImage = patiently(settings.workersRunning(), () -> imageOf(taskId.masterName(), admitted.master(),
                admitted.master().reference().equals(admitted.workers().reference()) ? workerImage : null));
        probeImage = patiently(settings.workersRunning(), () -> pin(probe, config.probeDistribution(), config.registryAuth()));
        pause.reached(Phase.PROVISIONING.name());
    }

    private String claimTaskNetwork() throws TaskOwnedElsewhere {
        Optional<String> created = swarm.createNetworkIfAbsent(new NetworkDefinition(taskId.networkName(), labels(Labels.Role.NETWORK)));
        if (created.isPresent()) {
            return created.get();
        }
        Optional<SwarmObject> existing = swarm.findNetwork(taskId.networkName());
        String owner = existing.map(n -> n.labels().getOrDefault(Labels.OWNER, "?")).orElse("?");
        if (existing.isPresent() && taskId.value().equals(existing.get().labels().get(Labels.TASK)) && settings.directorId().equals(owner)) {
            // Our own earlier attempt reached the manager (a retried create): adopt it.
            return existing.get().id();
        }
        throw new TaskOwnedElsewhere(taskId, owner);
    }

    /**
     * A takeover: the claim network made this director the owner; the task network is the dead director's (adopted
     * whatever its owner label says), or made now if it never got that far.
     */
    private String adoptTaskNetwork() throws RunAborted {
        Optional<SwarmObject> existing = swarm.findNetwork(taskId.networkName());
        if (existing.isPresent() && taskId.value().equals(existing.get().labels().get(Labels.TASK))) {
            return existing.get().id();
        }
        Optional<String> created = swarm.createNetworkIfAbsent(new NetworkDefinition(taskId.networkName(), labels(Labels.Role.NETWORK)));
        return created.orElseThrow(() -> RunAborted.failed(FailureCause.INFRA,
                "the task network " + taskId.networkName() + " exists but is not this task's"));
    }

    private void startWorkers() throws RunAborted, InterruptedException {
        phases.image(Labels.Role.WORKER.label(), workerImage.reference());
        advance(Phase.STARTING_WORKERS);
        int replicas = spec.workers().replicas();
        Map<String, String> env = new HashMap<>(spec.workers().args());
        env.put(EnvVars.TASK_ID, taskId.value());
        ServiceDefinition workerService = new ServiceDefinition(taskId.workersName(), workerImage.reference(), replicas, List.of(), env,
                networkId, labels(Labels.Role.WORKER), workerMounts(), settings.stopGracePeriod(),
                admitted.workers().resources(), workerPlacement()).withRegistryAuth(workerImage.registryAuth());
        workersId = patiently(settings.workersRunning(), () -> swarm.createService(workerService));
        pause.reached(Phase.STARTING_WORKERS.name());
        await(settings.workersRunning(), () -> {
            List<ReplicaStatus> workers = swarm.serviceTasks(Objects.requireNonNull(workersId)); // created just above
            lastWorkers = workers;
            failOnEndedWorker(workers, false);
            failOnUnplaceable("worker", workers, workerPlacement());
            if (probeId == null && !reached(Phase.STARTING_MASTER)) {
                startProbeEarly(workers);
            }
            long running = workers.stream().filter(w -> w.state() == ReplicaState.RUNNING).count();
            return running >= replicas ? Optional.of(running) : Optional.empty();
        });
    }

    /**
     * Swarm gives every replica its address when it creates the task, before the container starts; as soon as all
     * have one, the probe is created with them, so its container starts while the workers' do instead of after them
     * (see docs/benchmarks.md), once Swarm has put a worker on a node (see {@link #createProbe(Optional)}). Anything left
     * undone here is done by {@link #discover()}, which reports a failure there, in DISCOVERING.
     */
    private void startProbeEarly(List<ReplicaStatus> workers) {
        try {
            if (workerAddresses == null) {
                workerAddresses = allocatedAddresses().orElse(null);
            }
            // Swarm often allocates the addresses a poll before it places any worker: the probe waits for a node,
            // not for the workers to run (it used to, when the addresses alone decided: a probe's start later).
            Optional<String> probeNode = aWorkersNode(workers);
            if (workerAddresses != null && spec.workers().port() != null && probeNode.isPresent()) {
                probeId = createProbe(probeNode);
            }
        } catch (SwarmException e) {
            log.debug("task {}: early discovery step failed, retrying in DISCOVERING: {}", taskId, e.getMessage());
        }
    }

    /** Every replica's address on the task network, in slot order, once Swarm has allocated all of them. */
    private Optional<List<String>> allocatedAddresses() {
        int replicas = spec.workers().replicas();
        Map<Integer, String> bySlot = swarm.taskAddresses(Objects.requireNonNull(workersId), networkId);
        List<String> addresses = new java.util.ArrayList<>(replicas);
        for (int slot = 1; slot <= replicas; slot++) {
            String address = bySlot.get(slot);
            if (address == null) {
                return Optional.empty();
            }
            addresses.add(address);
        }
        return Optional.of(List.copyOf(addresses));
    }

    /** The node of the first worker Swarm has assigned one (in slot order), if any. */
    private static Optional<String> aWorkersNode(List<ReplicaStatus> workers) {
        return workers.stream().filter(w -> w.nodeId() != null && !w.state().ended())
                .min(Comparator.comparingInt(ReplicaStatus::slot)).map(ReplicaStatus::nodeId);
    }

    /**
     * The probe runs on {@code nodeId}, a node that holds one of the workers. A node that held only the probe would
     * leave the task network when the probe exits, and a master placed there a moment later rejoins it: Swarm's overlay
     * then kept that node without the workers' entries for tens of seconds (the master reached none of them, on 20.10).
     * On a worker's node the network stays attached from the workers' start to the end of the task. Without a known
     * node (Swarm names one for every running replica) the probe goes anywhere.
     */
    private String createProbe(Optional<String> nodeId) {
        Map<String, String> env = Map.of(
                ProbeScript.ADDRESSES, String.join(",", workerAddresses),
                ProbeScript.PORT, Objects.requireNonNull(spec.workers().port()).toString(), // only called when probing
                EnvVars.TASK_ID, taskId.value());
        return swarm.createService(new ServiceDefinition(taskId.probeName(), probeImage.reference(), 1, ProbeScript.command(), env,
                networkId, labels(Labels.Role.PROBE), List.of(), settings.stopGracePeriod(), config.resourcesFor(probe),
                nodeId.map(node -> new Placement(0, List.of(PROBE_NODE_CONSTRAINT + node), List.of())).orElse(Placement.ANYWHERE))
                .withSysctls(ProbeScript.SYSCTLS).withRegistryAuth(probeImage.registryAuth()));
    }

    /**
     * The workers' addresses are Swarm's (see {@link SwarmClient#taskAddresses}); when the task names
     * {@code workers.port}, the probe must first see every address accept it. Without a port there is nothing to check
     * inside the network, so no probe runs and the addresses are the answer.
     */
    private List<String> discover() throws RunAborted, InterruptedException {
        if (reached(Phase.STARTING_MASTER)) {
            // Taken over after discovery: the master was (being) given Swarm's addresses; a probe may be left over.
            patiently(settings.discovery(), () -> swarm.removeService(taskId.probeName()));
            return patiently(settings.discovery(), this::allocatedAddresses).orElseThrow(() -> RunAborted.failed(FailureCause.INFRA,
                    "Swarm lists no address on the task network for some of the workers"));
        }
        advance(Phase.DISCOVERING);
        if (workerAddresses == null) {
            // The early step failed. Every worker runs now, and Swarm allocates a task's address before it schedules it.
            workerAddresses = patiently(settings.discovery(), this::allocatedAddresses).orElseThrow(() -> RunAborted.failed(FailureCause.INFRA,
                    "Swarm lists no address on the task network for some of the running workers"));
        }
        boolean probing = spec.workers().port() != null;
        if (probing && probeId == null) {
            probeId = patiently(settings.discovery(), () -> createProbe(aWorkersNode(lastWorkers.isEmpty()
                    ? swarm.serviceTasks(Objects.requireNonNull(workersId)) : lastWorkers)));
        }
        pause.reached(Phase.DISCOVERING.name());
        if (!probing) {
            return workerAddresses;
        }
        ReplicaStatus probe;
        try {
            probe = await(settings.discovery(), () -> {
                failOnEndedWorker(swarm.serviceTasks(Objects.requireNonNull(workersId)), false);
                List<ReplicaStatus> probes = swarm.serviceTasks(Objects.requireNonNull(probeId));
                for (ReplicaStatus lost : probes.stream().filter(ReplicaStatus::givenUp).toList()) {
                    throw lost("the discovery probe", lost);
                }
                return probes.stream().filter(p -> p.state().ended()).findFirst();
            });
        } catch (RunAborted abort) {
            // "ATQ-REACHABLE 2 of 3, waiting for 10.0.1.4 port 8080" tells an operator which worker does not answer.
            throw abort.terminal() == Phase.TIMED_OUT ? abort.withDetail(probeOutputQuietly()) : abort;
        }
        if (probe.state() != ReplicaState.COMPLETE) {
            throw RunAborted.failed(FailureCause.INFRA, "the discovery probe ended: " + probe.describe()
                    + probeImage.pullHint(probe.error()) + probeOutputQuietly());
        }
        List<String> confirmed = completedProbeAddresses();
        if (!new java.util.HashSet<>(confirmed).equals(new java.util.HashSet<>(workerAddresses))) {
            throw RunAborted.failed(FailureCause.INFRA, "the discovery probe confirmed " + confirmed + ", not the workers' "
                    + workerAddresses);
        }
        // The probe's service goes once the master's is created (startMaster): one Swarm call fewer before the master.
        return workerAddresses;
    }

    private void startMaster(List<String> addresses) throws RunAborted, InterruptedException {
        phases.workerAddresses(addresses);
        phases.image(Labels.Role.MASTER.label(), masterImage.reference());
        advance(Phase.STARTING_MASTER);
        Map<String, String> env = new HashMap<>(spec.master().args());
        String csv = String.join(",", addresses);
        env.put(EnvVars.TASK_ID, taskId.value());
        env.put(EnvVars.REMOTES, csv);
        env.put(EnvVars.WORKER_CSV_VIPS, csv);
        if (spec.workers().port() != null) {
            env.put(EnvVars.WORKER_PORT, spec.workers().port().toString());
        }
        ServiceDefinition masterService = new ServiceDefinition(taskId.masterName(), masterImage.reference(), 1, List.of(), env, networkId,
                labels(Labels.Role.MASTER), masterMounts(),
                settings.stopGracePeriod(), admitted.master().resources(), masterPlacement())
                .withRegistryAuth(masterImage.registryAuth());
        masterId = patiently(settings.masterStart(), () -> swarm.createService(masterService));
        if (probeId != null) {
            // Its container has exited (discovery read its answer); on a worker's node, so no node leaves the network.
            patiently(settings.masterStart(), () -> swarm.removeService(taskId.probeName()));
            probeId = null;
        }
        // From now on the master's output lands in master.log as it is written, for clients following it.
        evidence.followMaster(masterId, start.takeover());
        pause.reached(Phase.STARTING_MASTER.name());
        await(settings.masterStart(), () -> {
            List<ReplicaStatus> workers = swarm.serviceTasks(Objects.requireNonNull(workersId));
            failOnEndedWorker(workers, false);
            Optional<ReplicaStatus> master = masterStatus();
            failOnUnplaceable("master", master.stream().toList(), masterPlacement());
            failOnLostMaster(master);
            if (master.isPresent() && master.get().state().ended() && !master.get().exited()) {
                throw RunAborted.failed(FailureCause.INFRA, "master task ended: " + master.get().describe()
                        + masterImage.pullHint(master.get().error()));
            }
            Optional<ReplicaStatus> started = master.filter(m -> m.state() == ReplicaState.RUNNING || m.exited());
            started.ifPresent(m -> recordNodes(workers, m));
            return started;
        });
        advance(Phase.RUNNING);
    }

    private ReplicaStatus awaitMaster() throws RunAborted, InterruptedException {
        return await(null, () -> {
            // The master first: a JMeter-like worker may exit as soon as the test ends, a moment before the master.
            Optional<ReplicaStatus> status = masterStatus();
            failOnLostMaster(status);
            Optional<ReplicaStatus> master = status.filter(m -> m.state().ended());
            if (master.isPresent()) {
                if (!master.get().exited()) {
                    throw RunAborted.failed(FailureCause.INFRA, "master task ended: " + master.get().describe()
                            + masterImage.pullHint(master.get().error()));
                }
                return master;
            }
            failOnEndedWorker(swarm.serviceTasks(Objects.requireNonNull(workersId)), true);
            return Optional.empty();
        });
    }

    private void collect(ReplicaStatus master) throws InterruptedException {
        int exitCode = Objects.requireNonNull(master.exitCode()); // it exited
        Verdict.Outcome verdict = Verdict.ofMasterExit(phases.current(), exitCode, master.at(), clock.instant(),
                request.deadline(), cancel.isCancelled(taskId));
        phases.exitCode(exitCode);
        advance(Phase.COLLECTING);
        pause.reached(Phase.COLLECTING.name());
        // Logs that cannot be written are reported (WARN) but do not change the master's verdict.
        collectEvidence();
        if (handOver.underway() && Thread.interrupted()) {
            // Stopped while summarizing: the heir summarizes again and decides; a verdict now could rest on no numbers.
            throw new InterruptedException("handed over during " + phases.current());
        }
        Verdict.Outcome decided = ThresholdVerdict.decide(verdict, spec.thresholds(), evidence.results());
        phases.move(decided.phase(), decided.failure());
        evidence.markEnded(Objects.requireNonNull(phases.enteredAt())); // set by that move
    }

    /**
     * Remembers the node of every worker ({@code worker-<slot>}) and of the master for the events from RUNNING on, from
     * the replicas this poll read. Only informational: when Swarm does not name the nodes, the ids stand in for them.
     */
    private void recordNodes(List<ReplicaStatus> workers, ReplicaStatus master) {
        Map<String, String> names;
        try {
            names = swarm.nodeNames();
        } catch (SwarmException e) {
            log.debug("task {}: the nodes' names are unknown: {}", taskId, e.getMessage());
            names = Map.of();
        }
        for (ReplicaStatus worker : workers) {
            if (worker.nodeId() != null) {
                phases.node("worker-" + worker.slot(), names.getOrDefault(worker.nodeId(), worker.nodeId()));
            }
        }
        if (master.nodeId() != null) {
            phases.node(Labels.Role.MASTER.label(), names.getOrDefault(master.nodeId(), master.nodeId()));
        }
    }

    /** {@code " on <hostname>"} for a replica Swarm placed (its node id when the name is unknown), else empty. */
    private String onNode(ReplicaStatus replica) {
        String nodeId = replica.nodeId();
        if (nodeId == null) {
            return "";
        }
        try {
            return " on " + swarm.nodeNames().getOrDefault(nodeId, nodeId);
        } catch (SwarmException e) {
            return " on node " + nodeId;
        }
    }

    /** Records {@code step} unless the task already reached it (a takeover continues after the logged phase). */
    private void advance(Phase step) {
        if (!reached(step)) {
            phases.move(step);
        }
    }

    /** Whether the task's recorded phase is {@code step} or later in the run. */
    private boolean reached(Phase step) {
        return STEPS.indexOf(phases.current()) >= STEPS.indexOf(step);
    }

    /**
     * Records the terminal phase of an aborted run. A master still running is first stopped gracefully (SIGTERM, then
     * SIGKILL after the grace period) and awaited, so it can write partial results; then the logs are collected — all
     * before the terminal phase, which tells clients that the evidence is complete.
     */
    private void finish(RunAborted abort, boolean stopGracefully) {
        if (phases.current().isTerminal()) {
            return;
        }
        if (start.takeover()) {
            findLeftOvers();
        }
        if (stopGracefully) {
            stopMaster();
        }
        try {
            collectEvidence();
        } catch (RuntimeException | Error e) {
            // The verdict still gets recorded below.
            log.error("task {}: collecting the evidence failed", taskId, e);
        }
        try {
            phases.move(abort.terminal(), abort.failure());
            if (taskFolder != null) {
                evidence.markEnded(Objects.requireNonNull(phases.enteredAt())); // set by that move
            }
        } catch (EventPublishException e) {
            log.error("task {}: cannot record {} ({}): {}", taskId, abort.terminal(), abort.failure().message(), e.getMessage());
        }
    }

    /** Records FAILED/INFRA naming an unexpected failure; a second one while doing so is only logged. */
    private void finishAfter(Throwable failure) {
        try {
            finish(RunAborted.failed(FailureCause.INFRA, "unexpected failure in " + phases.current() + ": " + failure), true);
        } catch (Throwable again) {
            log.error("task {}: cannot record the unexpected failure", taskId, again);
        }
    }

    /**
     * A takeover that ends before reaching the step that adopts them still stops the dead director's master and keeps
     * its and the workers' logs.
     */
    private void findLeftOvers() {
        try {
            for (SwarmObject service : swarm.listServices(settings.instance(), taskId)) {
                if (masterId == null && Labels.Role.MASTER.label().equals(service.role())) {
                    masterId = service.id();
                } else if (workersId == null && Labels.Role.WORKER.label().equals(service.role())) {
                    workersId = service.id();
                }
            }
        } catch (SwarmException e) {
            log.warn("task {}: cannot look for the dead director's services: {}", taskId, e.getMessage());
        }
    }

    /**
     * The master's log completed, every worker's log written, the master's summary read, the results files summarized
     * (once the master ran: before that, nothing wrote any); once per run.
     */
    private void collectEvidence() {
        if (evidenceCollected) {
            return;
        }
        evidenceCollected = true;
        if (masterId != null && masterLost) {
            // Its node is lost: Docker would wait for that node to give the rest of the log. master.log keeps what came.
            evidence.stopFollowing();
        } else if (masterId != null) {
            evidence.completeMasterLog(masterId);
        }
        if (workersId != null) {
            evidence.collectWorkerLogs(workersId);
        }
        if (masterId != null) {
            evidence.readSummary();
            evidence.summarizeResults(spec.thresholds());
        }
    }

    /**
     * Stops a running master as {@code docker stop} does, with the services' grace period, on whatever node it runs:
     * its container directly when it is on this director's node, else through Swarm ({@link SwarmClient#stopService});
     * both keep its task, exit code and log. Then waits (grace plus a margin) until Swarm shows its task ended and
     * records its exit code (143 for a master that exits on SIGTERM).
     */
    private void stopMaster() {
        if (masterId == null) {
            return;
        }
        try {
            Optional<ReplicaStatus> now = masterStatus();
            if (now.isPresent() && now.get().state().ended()) {
                now.filter(ReplicaStatus::exited).ifPresent(m -> phases.exitCode(Objects.requireNonNull(m.exitCode())));
                return;
            }
            if (now.isPresent() && now.get().givenUp()) {
                // Its node is lost: no one can stop it or report its exit; removing its service is all there is to do.
                masterLost = true;
                log.info("task {}: the master's task was given up by Swarm ({}): nothing to stop", taskId, now.get().describe());
                return;
            }
            log.info("task {}: stopping the master (SIGTERM, SIGKILL after {})", taskId, settings.stopGracePeriod());
            // On this node the engine stops it at once; elsewhere Swarm does (a second or two more).
            boolean stoppedHere = false;
            for (SwarmObject container : swarm.listContainers(settings.instance(), taskId)) {
                if (Labels.Role.MASTER.label().equals(container.role())) {
                    stoppedHere |= swarm.stopContainer(container.id(), settings.stopGracePeriod());
                }
            }
            if (!stoppedHere && !swarm.stopService(masterId)) {
                return;
            }
            pause.reached(STOPPED_MASTER);
            Instant until = clock.instant().plus(settings.stopGracePeriod()).plus(STOP_MARGIN);
            while (clock.instant().isBefore(until)) {
                Optional<ReplicaStatus> ended = masterStatus().filter(m -> m.state().ended());
                if (ended.isPresent()) {
                    ended.filter(ReplicaStatus::exited).ifPresent(m -> phases.exitCode(Objects.requireNonNull(m.exitCode())));
                    log.info("task {}: master stopped: {}", taskId, ended.get().describe());
                    return;
                }
                sleeper.sleep(settings.pollInterval());
            }
            log.warn("task {}: the master's task did not show as ended within {} of the stop", taskId,
                    settings.stopGracePeriod().plus(STOP_MARGIN));
        } catch (SwarmException e) {
            log.warn("task {}: cannot stop the master gracefully, its removal will: {}", taskId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean pausedBeforeCleanUpWasInterrupted() {
        try {
            pause.reached("CLEANUP");
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Removes every object of the task (see {@link TaskRemoval}) and reports it. */
    private void cleanUp() {
        TaskRemoval.Result result = new TaskRemoval(swarm, settings.instance(), settings.pollInterval(), settings.cleanup(),
                clock, sleeper).removeAll(taskId);
        try {
            events.cleanedUp(new TaskCleanedUp(taskId, clock.instant(), settings.directorId(), result.complete(), result.message()));
        } catch (EventPublishException e) {
            log.error("task {}: cannot record the clean-up: {}", taskId, e.getMessage());
        }
    }

    /** A Docker call a step must make (create, adopt, resolve, read). */
    @FunctionalInterface
    private interface DockerCall<T> {
        T call() throws RunAborted;
    }

    /**
     * Makes a call that must happen as {@link #await} polls: while Docker does not answer (a retryable failure), it is
     * tried again every poll interval until the step's budget from now (never past the task's deadline) or a cancel.
     * Every call made this way is idempotent against Swarm: creates adopt an object of the same name and task.
     */
    private <T> T patiently(Duration budget, DockerCall<T> call) throws RunAborted, InterruptedException {
        return await(budget, () -> Optional.of(call.call()));
    }

    /** One look at Swarm: a result ends the wait; throwing {@link RunAborted} ends the run. */
    @FunctionalInterface
    private interface Poll<T> {
        Optional<T> poll() throws RunAborted;
    }

    /**
     * Polls until a result, a cancel, or the deadline: the phase budget (if any) from now, never past the task's deadline.
     * The pauses start short and grow to the poll interval ({@link PollPacing}).
     */
    private <T> T await(@Nullable Duration budget, Poll<T> poll) throws RunAborted, InterruptedException {
        Instant now = clock.instant();
        Instant taskDeadline = request.deadline();
        Instant phaseDeadline = budget == null || now.plus(budget).isAfter(taskDeadline) ? taskDeadline : now.plus(budget);
        PollPacing pacing = PollPacing.upTo(settings.pollInterval());
        while (true) {
            if (cancel.isCancelled(taskId)) {
                throw RunAborted.cancelled(phases.current());
            }
            Optional<T> result = pollThroughOutage(poll);
            if (result.isPresent()) {
                return result.get();
            }
            now = clock.instant();
            if (!now.isBefore(phaseDeadline)) {
                throw RunAborted.timedOut(phases.current(), phaseDeadline.equals(taskDeadline)
                        ? "the task's deadline " + taskDeadline + " passed"
                        : "not done within " + budget);
            }
            sleeper.sleep(pacing.next());
        }
    }

    /**
     * One poll; while Docker does not answer (a retryable failure, e.g. the {@code docker} circuit is open) the wait
     * goes on: what runs in Swarm keeps running, and the phase deadline still bounds the wait.
     */
    private <T> Optional<T> pollThroughOutage(Poll<T> poll) throws RunAborted {
        try {
            Optional<T> result = poll.poll();
            dockerAnswers();
            return result;
        } catch (SwarmException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            dockerAway(e);
            return Optional.empty();
        }
    }

    private void dockerAnswers() {
        if (dockerAway) {
            dockerAway = false;
            log.info("task {}: Docker answers again, resuming {}", taskId, phases.current());
        }
    }

    private void dockerAway(SwarmException e) {
        if (!dockerAway) {
            dockerAway = true;
            log.warn("task {}: Docker does not answer during {}, waiting for it until the phase deadline: {}",
                    taskId, phases.current(), e.getMessage());
        }
    }

    /**
     * The master's replica (asked once its service exists): the one Swarm placed on a node. A stopped master's service
     * also lists a replacement that stays pending on no node (see {@link SwarmClient#stopService}).
     */
    private Optional<ReplicaStatus> masterStatus() {
        List<ReplicaStatus> replicas = swarm.serviceTasks(Objects.requireNonNull(masterId));
        return replicas.stream().filter(r -> r.nodeId() != null).findFirst().or(() -> replicas.stream().findFirst());
    }

    private void failOnEndedWorker(List<ReplicaStatus> workers, boolean completedIsFine) throws RunAborted {
        for (ReplicaStatus worker : workers) {
            if (worker.givenUp()) {
                throw lost("worker task " + worker.slot(), worker);
            }
            boolean ended = worker.state() == ReplicaState.FAILED || (worker.state() == ReplicaState.COMPLETE && !completedIsFine);
            if (ended) {
                throw RunAborted.failed(FailureCause.INFRA, "worker task " + worker.slot() + onNode(worker) + " ended: "
                        + worker.describe() + workerImage.pullHint(worker.error()));
            }
        }
    }

    private void failOnLostMaster(Optional<ReplicaStatus> master) throws RunAborted {
        if (master.isPresent() && master.get().givenUp()) {
            masterLost = true;
            throw lost("master task", master.get());
        }
    }

    /**
     * The verdict on a replica Swarm {@link ReplicaStatus#givenUp gave up} while it ran or started: its node is down
     * (killed, cut off) or drained. Nobody reports its end any more, so waiting would last until the phase deadline. The
     * message names the replica, its node and the node's state: {@code "worker task 2 on node3 was lost: its node is
     * down (Swarm shut the task down; it last showed running)"}.
     */
    private RunAborted lost(String what, ReplicaStatus replica) {
        String nodeState = null;
        if (replica.nodeId() != null) {
            try {
                nodeState = swarm.nodeState(replica.nodeId()).orElse(null);
            } catch (SwarmException e) {
                log.debug("task {}: the state of node {} is unknown: {}", taskId, replica.nodeId(), e.getMessage());
            }
        }
        String last = replica.dockerState() == null ? replica.state().name().toLowerCase(java.util.Locale.ROOT) : replica.dockerState();
        String why = nodeState == null ? "Swarm shut it down while it last showed " + last
                : "its node is " + nodeState + " (Swarm shut the task down; it last showed " + last + ")";
        return RunAborted.failed(FailureCause.INFRA, what + onNode(replica) + " was lost: " + why);
    }

    /**
     * A replica Swarm cannot place on any node stays pending with "no suitable node (…)" and would wait until the phase
     * deadline; its placement rules (a constraint no node meets, fewer nodes than replicas / maxReplicasPerNode) will
     * not change on their own, so the task fails now, naming the rules.
     */
    private static void failOnUnplaceable(String role, List<ReplicaStatus> replicas, Placement placement) throws RunAborted {
        Optional<ReplicaStatus> unplaceable = replicas.stream().filter(TaskRun::unplaceable).findFirst();
        // Wait until the replicas that could be placed have settled: removing the service while a container is being
        // created on a node can leave that container (and so the network) behind for a while.
        boolean othersSettled = replicas.stream().allMatch(r -> unplaceable(r) || r.state() != ReplicaState.STARTING);
        if (unplaceable.isPresent() && othersSettled) {
            ReplicaStatus replica = unplaceable.get();
            throw RunAborted.failed(FailureCause.INFRA, role + " task " + replica.slot() + " cannot be placed: " + reason(replica)
                    + " (placement: maxReplicasPerNode " + placement.maxReplicasPerNode() + ", constraints " + placement.constraints()
                    + ", spreadOver " + placement.spreadOver() + ")");
        }
    }

    private static boolean unplaceable(ReplicaStatus replica) {
        String why = reason(replica);
        return replica.state() == ReplicaState.STARTING && why != null && why.contains(UNPLACEABLE);
    }

    private static @Nullable String reason(ReplicaStatus replica) {
        return replica.error() != null && !replica.error().isBlank() ? replica.error() : replica.message();
    }

    /**
     * The image one role's service runs: in a takeover, what the dead director's service of that role already names (a
     * tag may have moved since it pinned it); else {@code sameAs} (the other role's, for the same reference) or the
     * image {@link #pin pinned} now.
     */
    private ImageToRun imageOf(String serviceName, AdmittedImage image, @Nullable ImageToRun sameAs) throws RunAborted {
        ImageDistribution distribution = image.rule().distribution();
        RegistryAuth auth = image.rule().registryAuth();
        if (start.takeover()) {
            Optional<String> running = swarm.serviceImage(serviceName);
            if (running.isPresent()) {
                return distribution == ImageDistribution.REGISTRY ? ImageToRun.fromRegistry(running.get(), auth) : ImageToRun.local(running.get());
            }
        }
        return sameAs != null ? sameAs : pin(image.reference(), distribution, auth);
    }

    /**
     * What the services of one image are created with: a {@link ImageDistribution#LOCAL local} image by its id on this
     * node; a {@link ImageDistribution#REGISTRY registry} image pinned to the digest its registry serves for the tag
     * now (or to the digest the request names).
     */
    private ImageToRun pin(ImageReference image, ImageDistribution distribution, @Nullable RegistryAuth auth) throws RunAborted {
        if (distribution == ImageDistribution.LOCAL) {
            return ImageToRun.local(resolve(image));
        }
        String digest = image.digest();
        if (digest == null) {
            try {
                digest = swarm.registryDigest(image, auth);
            } catch (SwarmException e) {
                if (e.getKind() == SwarmException.Kind.NOT_FOUND) {
                    throw RunAborted.failed(FailureCause.INFRA, "image " + image.familiar() + " is not in its registry: " + e.getMessage());
                }
                throw e;
            }
        }
        return ImageToRun.fromRegistry(image.pinnedTo(digest), auth);
    }

    private String resolve(ImageReference reference) throws RunAborted {
        String local = reference.familiar();
        try {
            return swarm.resolveImageId(local);
        } catch (SwarmException e) {
            if (e.getKind() == SwarmException.Kind.NOT_FOUND) {
                throw RunAborted.failed(FailureCause.INFRA, "image " + local + " is not present on this node"
                        + (config.pullImages() ? "" : " (pullImages is false: it must be loaded beforehand)"));
            }
            throw e;
        }
    }

    /** The workers' placement rules, plus the shared-folder node constraint (each binds its results folder). */
    private Placement workerPlacement() {
        return withSharedFolder(admitted.workers().placement(), true);
    }

    /** The master's placement rules, plus the shared-folder node constraint (it always binds its results folder). */
    private Placement masterPlacement() {
        return withSharedFolder(admitted.master().placement(), true);
    }

    /**
     * A container that binds the shared folder runs only on a node the operator marked as mounting it (see
     * {@link RunSettings#sharedFolderConstraint()}): elsewhere the engine would reject it ("bind source path does not
     * exist") or, worse, bind an empty local folder of that name.
     */
    private Placement withSharedFolder(Placement placement, boolean bindsSharedFolder) {
        Optional<String> constraint = settings.sharedFolderConstraint().filter(c -> bindsSharedFolder);
        if (constraint.isEmpty() || placement.constraints().contains(constraint.get())) {
            return placement;
        }
        List<String> constraints = new java.util.ArrayList<>(placement.constraints());
        constraints.add(constraint.get());
        return new Placement(placement.maxReplicasPerNode(), constraints, placement.spreadOver());
    }

    /** The task folder (writable, for results) and the bundle, if the task names one. */
    private List<BindMount> masterMounts() {
        List<BindMount> mounts = new java.util.ArrayList<>();
        // Only results/: the master must not overwrite the platform's logs or the end marker next to it.
        mounts.add(new BindMount(Objects.requireNonNull(taskFolder).resolve(TaskFolderLayout.RESULTS).toString(), RESULTS_TARGET));
        bundleMount().ifPresent(mounts::add);
        return mounts;
    }

    /**
     * Each worker's own results folder (writable; made for every slot with the task folder, as a bind source must
     * exist), and the bundle, if the task names one.
     */
    private List<BindMount> workerMounts() {
        List<BindMount> mounts = new java.util.ArrayList<>();
        mounts.add(new BindMount(Objects.requireNonNull(taskFolder).resolve(TaskFolderLayout.WORKER_RESULTS) + "/" + SLOT_TEMPLATE,
                RESULTS_TARGET));
        bundleMount().ifPresent(mounts::add);
        return mounts;
    }

    /** The bundle's files, read-only: a task must not change test data another task may mount at the same moment. */
    private Optional<BindMount> bundleMount() {
        return Optional.ofNullable(spec.bundle())
                .map(bundle -> BindMount.readOnly(config.sharedFolder().bundleContent(bundle).toString(), DATA_TARGET));
    }

    private Map<String, String> labels(Labels.Role role) {
        return Map.of(
                Labels.TASK, taskId.value(),
                Labels.ROLE, role.label(),
                Labels.INSTANCE, settings.instance(),
                Labels.MANAGED, "true",
                Labels.OWNER, settings.directorId(),
                Labels.DEADLINE, request.deadline().toString());
    }

    /**
     * The addresses a probe that exited 0 confirmed, from its output, read once. Its exit 0 is the verdict: the script
     * exits 0 only once every address it was given (the workers') accepted the port, and its output only repeats them.
     * The output comes through the probe's node, and a node just back from a cut-off can break every read of it off
     * for minutes: then the workers' addresses, which it was given, are the answer.
     */
    private List<String> completedProbeAddresses() throws RunAborted {
        String output;
        try {
            output = swarm.serviceLogs(Objects.requireNonNull(probeId));
        } catch (SwarmException e) {
            log.warn("task {}: the discovery probe reached every worker (exit 0); its output is unavailable: {}", taskId, e.getMessage());
            return Objects.requireNonNull(workerAddresses);
        }
        return ProbeOutput.addresses(output).orElseThrow(() -> RunAborted.failed(FailureCause.INFRA,
                "the discovery probe printed no " + ProbeOutput.MARKER + " line" + lastLines(output)));
    }

    private String probeOutputQuietly() {
        try {
            return lastLines(swarm.serviceLogs(Objects.requireNonNull(probeId)));
        } catch (SwarmException e) {
            return " (probe output unavailable: " + e.getMessage() + ")";
        }
    }

    private static String lastLines(String output) {
        if (output == null || output.isBlank()) {
            return " (no output)";
        }
        String[] lines = output.strip().split("\\R");
        int from = Math.max(0, lines.length - 3);
        return " (last output: " + String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length)) + ")";
    }
}
