package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;

/** Makes the run of a task: from the queue ({@link TaskRun.Start#FRESH}) or taken over from a dead director. */
@FunctionalInterface
public interface TaskRuns {
    /** The run of {@code request}, starting at {@code start}. */
    TaskRun create(TaskRequested request, TaskRun.Start start);
}
