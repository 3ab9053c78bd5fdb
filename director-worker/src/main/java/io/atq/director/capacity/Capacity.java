package io.atq.director.capacity;

import io.atq.director.orchestration.TaskRunner;
import org.jspecify.annotations.Nullable;
import io.atq.contracts.tasks.TaskId;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This director's view of load, thread-safe. The swarm is the shared state: the workers of other directors' tasks are
 * counted from Swarm service specs ({@link #observedOthers}); the workers of this director's own tasks are known here
 * exactly, from the moment a request is taken ({@link #reserve}) until its run ends ({@link #freed}), so a task is
 * never counted twice nor missed between taking it and creating its worker service. This director's task slots are
 * counted as the task runner takes and frees them (it tells this capacity, its {@link TaskRunner.SlotListener}).
 * Every change tells the {@link PauseListener} (outside the lock) why intake should pause, or that it need not.
 */
public final class Capacity implements TaskRunner.SlotListener {
    /** Hears, after every change, whether intake should pause; must not block. */
    @FunctionalInterface
    public interface PauseListener {
        /** @param reason why intake should pause (see {@link CapacityRules#pauseReason}), or null when there is room */
        void pauseReason(@Nullable String reason);
    }

    private final int maxTasks;
    private final int maxWorkers;
    private final PauseListener listener;
    private final Set<TaskId> running = new HashSet<>();
    private final Map<TaskId, Integer> own = new HashMap<>();
    private int others;
    private int waitingNeed;

    /**
     * @param maxTasks   most tasks this director deploys at once
     * @param maxWorkers most worker replicas of this instance in the swarm
     * @param listener   told after every change (the intake switch)
     */
    public Capacity(int maxTasks, int maxWorkers, PauseListener listener) {
        if (maxTasks < 1 || maxWorkers < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 task and 1 worker, was " + maxTasks + " and " + maxWorkers);
        }
        this.maxTasks = maxTasks;
        this.maxWorkers = maxWorkers;
        this.listener = listener;
    }

    /** The load now. */
    public synchronized Load load() {
        int mine = own.values().stream().mapToInt(Integer::intValue).sum();
        return new Load(running.size(), maxTasks, others + mine, maxWorkers, waitingNeed);
    }

    /** Why intake should pause, or empty (see {@link CapacityRules#pauseReason}). */
    public Optional<String> pauseReason() {
        return CapacityRules.pauseReason(load());
    }

    /** Whether a task of {@code replicas} workers fits now. */
    public boolean fits(int replicas) {
        return CapacityRules.fits(load(), replicas);
    }

    /** The worker replicas of other directors' tasks, as Swarm's service specs show them now. */
    public void observedOthers(int workers) {
        synchronized (this) {
            others = workers;
            if (waitingNeed > 0 && CapacityRules.fits(load(), waitingNeed)) {
                waitingNeed = 0;
            }
        }
        changed();
    }

    /** This director took a task of {@code replicas} workers. */
    public void reserve(TaskId taskId, int replicas) {
        synchronized (this) {
            own.put(taskId, replicas);
            waitingNeed = 0;
        }
        changed();
    }

    /** A task runs here now (taken from the queue or over from a dead director). */
    @Override
    public void taken(TaskId taskId) {
        synchronized (this) {
            running.add(taskId);
        }
        changed();
    }

    /** This director's run of the task ended (its workers are gone or going; the next count shows the rest). */
    @Override
    public void freed(TaskId taskId) {
        synchronized (this) {
            running.remove(taskId);
            own.remove(taskId);
        }
        changed();
    }

    /** A task of {@code replicas} workers did not fit and went back to the queue: pause until that many are free. */
    public void handedBack(int replicas) {
        synchronized (this) {
            waitingNeed = replicas;
        }
        changed();
    }

    public int maxTasks() {
        return maxTasks;
    }

    public int maxWorkers() {
        return maxWorkers;
    }

    private void changed() {
        listener.pauseReason(pauseReason().orElse(null));
    }
}
