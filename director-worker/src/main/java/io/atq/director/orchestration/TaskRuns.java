package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.validation.AdmittedSpec;

/** Makes the run of a task: from the queue ({@link TaskRun.Start#FRESH}) or taken over from a dead director. */
@FunctionalInterface
public interface TaskRuns {
    /** The run of {@code request}, whose spec this director admitted as {@code admitted}, starting at {@code start}. */
    TaskRun create(TaskRequested request, AdmittedSpec admitted, TaskRun.Start start);
}
