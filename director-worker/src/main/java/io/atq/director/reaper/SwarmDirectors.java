package io.atq.director.reaper;

import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Whether Swarm still runs a director whose lease ran out. Heartbeats travel through the broker, so a director whose
 * broker node was lost falls silent for as long as its reconnect takes (a RabbitMQ cluster answered 15-47 s late after
 * a node was killed) while it goes on running its tasks; taking them over then runs each task twice. Swarm's view of
 * the director's container settles it: running, and meant to, on a node the managers see ready → not dead.
 * <p>
 * Only a director id that names its swarm task can be looked up: the stack sets {@code <node hostname>-<swarm task id>}
 * ({@code {{.Node.Hostname}}-{{.Task.ID}}}). Any other id (a director run as a process) counts as not running, and so
 * does one that Swarm cannot be asked about: the lease alone decides, as without this check. One instance per reaper
 * pass: each director is looked up once.
 */
final class SwarmDirectors implements Predicate<String> {
    private static final Logger log = LoggerFactory.getLogger(SwarmDirectors.class);
    /** Swarm's object ids: 25 lower-case letters and digits. */
    private static final Pattern SWARM_ID = Pattern.compile("[a-z0-9]{25}");

    private final SwarmClient swarm;
    private final Map<String, Boolean> seen = new HashMap<>();

    SwarmDirectors(SwarmClient swarm) {
        this.swarm = swarm;
    }

    @Override
    public boolean test(String directorId) {
        return seen.computeIfAbsent(directorId, this::lookUp);
    }

    private boolean lookUp(String directorId) {
        Optional<String> swarmTask = swarmTaskId(directorId);
        if (swarmTask.isEmpty()) {
            return false;
        }
        try {
            boolean running = swarm.swarmTaskRunning(swarmTask.get()).orElse(false);
            if (running) {
                log.info("director {} is silent past its lease, but Swarm runs it on a ready node: not taken for dead", directorId);
            }
            return running;
        } catch (SwarmException e) {
            log.warn("cannot ask Swarm whether director {} runs ({}): its lease decides", directorId, e.getMessage());
            return false;
        }
    }

    /** The swarm task id a director id ends with ({@code <hostname>-<task id>}), if it has one. */
    static Optional<String> swarmTaskId(String directorId) {
        int dash = directorId.lastIndexOf('-');
        String last = directorId.substring(dash + 1);
        return dash > 0 && SWARM_ID.matcher(last).matches() ? Optional.of(last) : Optional.empty();
    }
}
