package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.validation.AdmittedSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;

/**
 * Runs tasks on virtual threads, at most {@code maxConcurrentTasks} at once; {@link #start} blocks while all permits
 * are taken (intake pauses before that happens: the listeners hear of every slot taken and freed).
 */
public final class TaskRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final Semaphore permits;
    private final Duration stopGrace;
    private final TaskRuns runs;
    private final Map<TaskId, Thread> running = new ConcurrentHashMap<>();
    private final SlotListener slots;
    private volatile boolean refusing;

    /** Told when a task starts or stops running here (after the count changed); must not block. */
    public interface SlotListener {
        /** The task runs here now. */
        void taken(TaskId taskId);

        /** The task's run (and its clean-up) ended. */
        void freed(TaskId taskId);
    }

    /**
     * @param maxConcurrentTasks most runs at once
     * @param stopGrace          how long {@link #close()} waits for interrupted runs to record their end and clean up
     * @param runs               makes the run of a request taken from the queue ({@link TaskRun.Start#FRESH})
     * @param slots              told of every slot taken and freed
     */
    public TaskRunner(int maxConcurrentTasks, Duration stopGrace, TaskRuns runs, SlotListener slots) {
        if (maxConcurrentTasks < 1) {
            throw new IllegalArgumentException("maxConcurrentTasks must be at least 1, was " + maxConcurrentTasks);
        }
        this.permits = new Semaphore(maxConcurrentTasks);
        this.stopGrace = stopGrace;
        this.runs = runs;
        this.slots = slots;
    }

    /**
     * Starts a run once a permit is free.
     *
     * @return completes when the run's progress is recorded in Swarm or the run ended (see {@link TaskRun#provisioned()});
     * fails with {@link HandedOver} when the request must go back to the queue (this director is stopping)
     */
    public CompletableFuture<Void> start(TaskRequested request, AdmittedSpec admitted) throws InterruptedException {
        if (refusing) {
            return CompletableFuture.failedFuture(new HandedOver(request.taskId()));
        }
        permits.acquire();
        try {
            TaskRun run = runs.create(request, admitted, TaskRun.Start.FRESH);
            Thread thread = Thread.ofVirtual().name("task-" + request.taskId()).unstarted(() -> {
                try {
                    run.run();
                } finally {
                    running.remove(request.taskId());
                    permits.release();
                    slots.freed(request.taskId());
                }
            });
            running.put(request.taskId(), thread);
            // Before the thread starts and before the caller acknowledges the request: intake may have to pause first.
            slots.taken(request.taskId());
            thread.start();
            return run.provisioned();
        } catch (RuntimeException e) {
            running.remove(request.taskId());
            permits.release();
            slots.freed(request.taskId());
            throw e;
        }
    }

    /**
     * Runs work for a task this director took over, outside the run permits (taking over must not wait behind new
     * tasks). While it runs, {@link #isRunning} is true for the task, so intake and the reaper leave it alone.
     *
     * @return false when the task already runs here or this director is stopping (nothing started)
     */
    public boolean adopt(TaskId taskId, Runnable work) {
        if (refusing) {
            return false;
        }
        Thread thread = Thread.ofVirtual().name("takeover-" + taskId).unstarted(() -> {
            try {
                work.run();
            } finally {
                running.remove(taskId);
                slots.freed(taskId);
            }
        });
        if (running.putIfAbsent(taskId, thread) != null) {
            return false;
        }
        slots.taken(taskId);
        thread.start();
        return true;
    }

    /** From now on no run starts here: new requests go back to the queue, takeovers are left to other directors. */
    public void refuseNew() {
        refusing = true;
    }

    /** Whether this director runs the task right now. */
    public boolean isRunning(TaskId taskId) {
        return running.containsKey(taskId);
    }

    /** How many tasks run right now. */
    public int runningCount() {
        return running.size();
    }

    /**
     * Interrupts every run and waits at most {@code grace} for them to end: each records FAILED (the director stopped)
     * and removes its objects, or, once a {@link HandOver} began, leaves its task for the heir.
     */
    public void stop(Duration grace) {
        if (running.isEmpty()) {
            return;
        }
        log.info("stopping {} running task(s)", running.size());
        running.values().forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : running.values()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!running.isEmpty()) {
            log.warn("{} task(s) still cleaning up after {}: {}", running.size(), grace, running.keySet());
        }
    }

    /** Stops every run, waiting at most the stop grace (see {@link #stop(Duration)}). */
    @Override
    public void close() {
        stop(stopGrace);
    }
}
