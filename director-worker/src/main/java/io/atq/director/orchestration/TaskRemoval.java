package io.atq.director.orchestration;

import io.atq.contracts.names.Labels;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import io.atq.director.swarm.SwarmObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes every Swarm object of one task, found by its labels: services (master, probe, workers), then, once their
 * containers are gone, its networks (the task network and any claim networks). Used by a run, a takeover and the reaper.
 */
public final class TaskRemoval {
    private static final Logger log = LoggerFactory.getLogger(TaskRemoval.class);
    /**
     * How long a container may outlive every service of its task before it counts as orphaned and is force-removed.
     * Swarm stops a removed service's containers a few seconds after the removal (~3 s here, whatever the grace), but a
     * container still being created at that moment can be left behind for good (seen with an unplaceable task's probe).
     */
    static final Duration ORPHAN_AFTER = Duration.ofSeconds(15);
    /**
     * How long "no service and no container" must hold before the networks go. Right after {@code service rm} a task
     * whose container Swarm was still preparing shows no container yet; it may appear a moment later (seen within 1 s).
     */
    static final Duration SETTLE = Duration.ofSeconds(3);

    /**
     * How a removal went.
     *
     * @param complete whether every object is gone
     * @param message  what is left, when not complete
     */
    public record Result(boolean complete, @Nullable String message) {
    }

    private final SwarmClient swarm;
    private final String instance;
    private final Duration pollInterval;
    private final Duration budget;
    private final Clock clock;
    private final Sleeper sleeper;

    public TaskRemoval(SwarmClient swarm, String instance, Duration pollInterval, Duration budget, Clock clock, Sleeper sleeper) {
        this.swarm = swarm;
        this.instance = instance;
        this.pollInterval = pollInterval;
        this.budget = budget;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Removes the task's objects within the budget; never throws. Converges rather than running once: every round
     * removes whatever services exist (one created meanwhile included), then, once no container is left, the networks.
     */
    public Result removeAll(TaskId taskId) {
        Instant started = clock.instant();
        Instant deadline = started.plus(budget);
        String problem = null;
        boolean complete = false;
        Instant[] servicesGoneSince = {null};
        boolean interrupted = false;
        try {
            while (true) {
                String left;
                try {
                    left = removalRound(taskId, servicesGoneSince);
                } catch (SwarmException e) {
                    if (!e.isRetryable()) {
                        throw e;
                    }
                    // Docker does not answer: every step is idempotent, so the next round simply tries again.
                    log.debug("task {}: Docker does not answer during clean-up, trying again: {}", taskId, e.getMessage());
                    left = e.getMessage();
                }
                if (left == null) {
                    complete = true;
                    problem = null;
                    break;
                }
                if (!clock.instant().isBefore(deadline)) {
                    problem = left;
                    break;
                }
                try {
                    sleeper.sleep(pollInterval);
                } catch (InterruptedException e) {
                    // A stopping director interrupts its runs; one already cleaning up finishes within its budget
                    // (the runner waits that long), or the task's network would be left to another director's reaper.
                    interrupted = true;
                }
            }
        } catch (SwarmException e) {
            problem = e.getMessage();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("task {}: clean-up {} in {} ms{}", taskId, complete ? "complete" : "incomplete",
                Duration.between(started, clock.instant()).toMillis(), complete ? "" : ": " + problem);
        return new Result(complete, problem);
    }

    /**
     * One round: remove every service, then (once no container is left) every network; null when nothing is left, else
     * what is. {@code servicesGoneSince[0]} remembers since when the task has had no service, across rounds.
     */
    private @Nullable String removalRound(TaskId taskId, Instant[] servicesGoneSince) {
        List<SwarmObject> services = new ArrayList<>(swarm.listServices(instance, taskId));
        services.sort(Comparator.comparingInt(TaskRemoval::removalOrder));
        for (SwarmObject service : services) {
            // By name (unique in a swarm, found by this task's labels), so the removal log says what went.
            swarm.removeService(service.name());
        }
        if (!services.isEmpty()) {
            servicesGoneSince[0] = null;
        } else if (servicesGoneSince[0] == null) {
            servicesGoneSince[0] = clock.instant();
        }
        List<SwarmObject> containers = swarm.listContainers(instance, taskId);
        if (!containers.isEmpty()) {
            if (servicesGoneSince[0] == null || clock.instant().isBefore(servicesGoneSince[0].plus(ORPHAN_AFTER))) {
                return "containers still present after " + budget;
            }
            for (SwarmObject container : containers) {
                log.info("task {}: removing container {}: its service is gone and Swarm left it behind", taskId, container.name());
                swarm.removeContainer(container.id());
            }
            return "orphaned containers being removed";
        }
        if (servicesGoneSince[0] == null || clock.instant().isBefore(servicesGoneSince[0].plus(SETTLE))) {
            return "services removed " + SETTLE + " ago at most: waiting for Swarm to settle";
        }
        if (!removeNetworks(taskId)) {
            return "network still in use after " + budget;
        }
        return swarm.listServices(instance, taskId).isEmpty() ? null : "services still present after " + budget;
    }

    private boolean removeNetworks(TaskId taskId) {
        boolean all = true;
        for (SwarmObject network : swarm.listNetworks(instance, taskId)) {
            // Docker refuses while containers are still attached: the next round tries again.
            all &= removeNetwork(taskId, network);
        }
        return all;
    }

    private boolean removeNetwork(TaskId taskId, SwarmObject network) {
        try {
            swarm.removeNetwork(network.id());
            return true;
        } catch (SwarmException e) {
            if (e.getKind() == SwarmException.Kind.CONFLICT) {
                log.debug("task {}: network {} still in use, trying again", taskId, network.name());
                return false;
            }
            throw e;
        }
    }

    private static int removalOrder(SwarmObject service) {
        String role = service.role();
        if (role.equals(Labels.Role.MASTER.label())) {
            return 0;
        }
        if (role.equals(Labels.Role.PROBE.label())) {
            return 1;
        }
        return 2;
    }
}
