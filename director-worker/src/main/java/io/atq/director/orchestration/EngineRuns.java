package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.validation.AdmittedSpec;
import io.atq.director.events.PatientTaskEvents;
import io.atq.director.events.TaskEvents;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;

/**
 * How this director makes every run, fresh or taken over: the one engine ({@link TaskRun}) with the director's
 * {@link RunTools}, whose events wait out a broker outage rather than lose a phase, up to the task's deadline, its
 * clean-up budget and {@code patience} more.
 */
public final class EngineRuns implements TaskRuns {
    private final RunTools tools;
    private final TaskEvents events;
    private final RetryConfig eventSchedule;
    private final Duration patience;

    /**
     * @param events        where events go (each publish may fail)
     * @param eventSchedule the waits between attempts to record an event (see {@link PatientTaskEvents})
     * @param patience      how long past its deadline and clean-up budget a run still waits for the broker
     */
    public EngineRuns(RunTools tools, TaskEvents events, RetryConfig eventSchedule, Duration patience) {
        this.tools = tools;
        this.events = events;
        this.eventSchedule = eventSchedule;
        this.patience = patience;
    }

    @Override
    public TaskRun create(TaskRequested request, AdmittedSpec admitted, TaskRun.Start start) {
        TaskEvents patient = new PatientTaskEvents(events, eventSchedule, tools.clock(),
                request.deadline().plus(tools.settings().cleanup()).plus(patience));
        return new TaskRun(request, admitted, start, patient, tools);
    }
}
