package io.atq.director.orchestration;

import io.atq.contracts.names.Labels;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import io.atq.director.swarm.SwarmObject;
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
     * How a removal went.
     *
     * @param complete whether every object is gone
     * @param message  what is left, when not complete
     */
    public record Result(boolean complete, String message) {
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

    /** Removes the task's objects within the budget; never throws. */
    public Result removeAll(String taskId) {
        Instant started = clock.instant();
        Instant deadline = started.plus(budget);
        List<String> problems = new ArrayList<>();
        try {
            List<SwarmObject> services = new ArrayList<>(swarm.listServices(instance, taskId));
            services.sort(Comparator.comparingInt(TaskRemoval::removalOrder));
            for (SwarmObject service : services) {
                // By name (unique in a swarm, found by this task's labels), so the removal log says what went.
                swarm.removeService(service.name());
            }
            if (!await(deadline, () -> swarm.listContainers(instance, taskId).isEmpty())) {
                problems.add("containers still present after " + budget);
            }
            boolean networksGone = true;
            for (SwarmObject network : swarm.listNetworks(instance, taskId)) {
                // Docker refuses while containers are still attached: try again until the deadline.
                networksGone &= await(deadline, () -> removeNetwork(taskId, network));
            }
            if (!networksGone) {
                problems.add("network still in use after " + budget);
            }
        } catch (SwarmException e) {
            problems.add(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("the director stopped during clean-up");
        }
        boolean complete = problems.isEmpty();
        String message = complete ? null : String.join("; ", problems);
        log.info("task {}: clean-up {} in {} ms{}", taskId, complete ? "complete" : "incomplete",
                Duration.between(started, clock.instant()).toMillis(), complete ? "" : ": " + message);
        return new Result(complete, message);
    }

    private boolean removeNetwork(String taskId, SwarmObject network) {
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

    @FunctionalInterface
    private interface Condition {
        boolean holds();
    }

    private boolean await(Instant deadline, Condition condition) throws InterruptedException {
        while (true) {
            if (condition.holds()) {
                return true;
            }
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            sleeper.sleep(pollInterval);
        }
    }
}
