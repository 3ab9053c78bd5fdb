package io.atq.gateway.directors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a task is still {@code QUEUED}, from the directors' latest heartbeats. Pure: the loads and the clock are given.
 * A director silent for longer than its own lease (sent with every heartbeat; {@link #DEFAULT_LEASE} when it did not
 * say) counts as gone, as the directors judge each other.
 */
public final class QueuedReasons {
    /** The lease of a director whose heartbeat does not carry one (an older version): the directors' default. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
    static final String NO_DIRECTOR = "no director is running";
    static final String FREE = "waiting for a director to take it";

    private final DirectorLoads loads;
    private final Clock clock;

    public QueuedReasons(DirectorLoads loads, Clock clock) {
        this.loads = loads;
        this.clock = clock;
    }

    /** The reason for a queued task of {@code workers} workers, now. */
    public String forTask(int workers) {
        return explain(loads.all(), workers, clock.instant());
    }

    /**
     * The reason for a queued task needing {@code workers} workers, given each director's latest load at {@code now}:
     * nobody alive; someone has room (it is about to be taken); every director full; the worker limit; or intake paused
     * for another reason (Docker unavailable, catching up).
     */
    public static String explain(List<DirectorLoad> loads, int workers, Instant now) {
        List<DirectorLoad> alive = loads.stream()
                .filter(l -> isAlive(l, now))
                .sorted(Comparator.comparing(DirectorLoad::directorId))
                .toList();
        if (alive.isEmpty()) {
            return NO_DIRECTOR;
        }
        if (alive.stream().anyMatch(l -> l.intakePaused() == null && !l.full() && !l.lacksWorkersFor(workers))) {
            return FREE;
        }
        List<DirectorLoad> full = alive.stream().filter(DirectorLoad::full).toList();
        if (full.size() == alive.size()) {
            return atCapacity(full, alive.size());
        }
        List<DirectorLoad> short_ = alive.stream().filter(l -> !l.full() && l.lacksWorkersFor(workers)).toList();
        if (!short_.isEmpty()) {
            // The freshest count: directors count the swarm every 2 s, so the latest heartbeat is the best guess.
            DirectorLoad latest = short_.stream().max(Comparator.comparing(DirectorLoad::heardAt)).orElseThrow();
            return "worker limit reached: " + latest.clusterWorkers() + "/" + latest.maxWorkers()
                    + " running, this task needs " + workers;
        }
        // Left: directors with room that still take nothing (Docker unavailable, catching up with the log).
        String paused = alive.stream().filter(l -> !l.full()).map(DirectorLoad::intakePaused)
                .distinct().collect(Collectors.joining("; "));
        return "intake paused: " + paused + (full.isEmpty() ? "" : "; " + atCapacity(full, alive.size()));
    }

    /** Whether the director of {@code load} counts as alive at {@code now}: silent for no longer than its lease. */
    public static boolean isAlive(DirectorLoad load, Instant now) {
        return !load.heardAt().plus(load.effectiveLease()).isBefore(now);
    }

    private static String atCapacity(List<DirectorLoad> full, int alive) {
        List<String> loads = full.stream().map(l -> l.runningTasks() + "/" + l.maxTasks()).distinct().toList();
        String numbers = loads.size() == 1 ? loads.getFirst() + " tasks" + (full.size() > 1 ? " each" : "")
                : String.join(", ", loads) + " tasks";
        if (full.size() < alive) {
            return full.size() + " of " + alive + " directors at capacity (" + numbers + ")";
        }
        return alive == 1 ? "the only director is at capacity (" + numbers + ")"
                : "all " + alive + " directors at capacity (" + numbers + ")";
    }
}
