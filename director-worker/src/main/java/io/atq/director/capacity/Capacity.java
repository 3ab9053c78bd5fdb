package io.atq.director.capacity;

import io.atq.contracts.tasks.TaskId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * This director's view of load, thread-safe. The swarm is the shared state: the workers of other directors' tasks are
 * counted from Swarm service specs ({@link #observedOthers}); the workers of this director's own tasks are known here
 * exactly, from the moment a request is taken ({@link #reserve}) until its run ends ({@link #release}), so a task is
 * never counted twice nor missed between taking it and creating its worker service.
 * Every change calls the change listener (outside the lock), which re-evaluates whether intake should consume.
 */
public final class Capacity {
    private final int maxTasks;
    private final int maxWorkers;
    private final IntSupplier runningTasks;
    private final Map<TaskId, Integer> own = new HashMap<>();
    private int others;
    private int waitingNeed;
    private volatile Runnable onChange = () -> {
    };

    /**
     * @param maxTasks     most tasks this director deploys at once
     * @param maxWorkers   most worker replicas of this instance in the swarm
     * @param runningTasks tasks this director runs right now (its task runner)
     */
    public Capacity(int maxTasks, int maxWorkers, IntSupplier runningTasks) {
        if (maxTasks < 1 || maxWorkers < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 task and 1 worker, was " + maxTasks + " and " + maxWorkers);
        }
        this.maxTasks = maxTasks;
        this.maxWorkers = maxWorkers;
        this.runningTasks = runningTasks;
    }

    /** Called after every change. */
    public Capacity onChange(Runnable listener) {
        this.onChange = listener;
        return this;
    }

    /** The load now. */
    public synchronized Load load() {
        int mine = own.values().stream().mapToInt(Integer::intValue).sum();
        return new Load(runningTasks.getAsInt(), maxTasks, others + mine, maxWorkers, waitingNeed);
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
        onChange.run();
    }

    /** This director took a task of {@code replicas} workers. */
    public void reserve(TaskId taskId, int replicas) {
        synchronized (this) {
            own.put(taskId, replicas);
            waitingNeed = 0;
        }
        onChange.run();
    }

    /** This director's run of the task ended (its workers are gone or going; the next count shows the rest). */
    public void release(TaskId taskId) {
        synchronized (this) {
            own.remove(taskId);
        }
        onChange.run();
    }

    /** A task of {@code replicas} workers did not fit and went back to the queue: pause until that many are free. */
    public void handedBack(int replicas) {
        synchronized (this) {
            waitingNeed = replicas;
        }
        onChange.run();
    }

    /** A slot was taken or freed elsewhere (the task runner). */
    public void slotsChanged() {
        onChange.run();
    }

    public int maxTasks() {
        return maxTasks;
    }

    public int maxWorkers() {
        return maxWorkers;
    }
}
