package io.atq.director.events;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;

/** Where a director reports what happened to a task. Each call returns once the event is durably recorded. */
public interface TaskEvents {

    /**
     * Records a phase move, saying whether a webhook reports it: one that none does may skip the webhook event queue
     * (when unsure, say {@code true}: the safe side).
     *
     * @throws EventPublishException when it could not be recorded
     */
    void phaseChanged(TaskPhaseChanged event, boolean reportedToWebhooks);

    /**
     * Records that a task's Swarm objects were removed.
     *
     * @throws EventPublishException when it could not be recorded
     */
    void cleanedUp(TaskCleanedUp event);
}
