package io.atq.director.orchestration;

/**
 * Swarm object names of one task. Task ids are UUIDs, so every name stays under Docker's 63-character limit.
 *
 * @param taskId the task
 */
public record TaskNames(String taskId) {

    /** The task's overlay network. */
    public String network() {
        return "atq-" + taskId + "-net";
    }

    /** The worker service. */
    public String workers() {
        return "atq-" + taskId + "-workers";
    }

    /** The discovery probe service. */
    public String probe() {
        return "atq-" + taskId + "-probe";
    }

    /** The master service. */
    public String master() {
        return "atq-" + taskId + "-master";
    }
}
