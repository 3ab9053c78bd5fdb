package io.atq.gateway.tenancy;

import io.atq.contracts.config.ClientConfig;

import java.util.Optional;

/** Whether one more task fits a client's limits ({@code maxActiveTasks}, {@code maxActiveReplicas}). */
public final class ClientLimits {
    private ClientLimits() {
    }

    /**
     * The first limit a new task of {@code replicas} workers would break, given what the client has running.
     *
     * @return empty when it fits
     */
    public static Optional<LimitExceeded> check(ClientConfig client, ActiveUsage usage, int replicas) {
        if (usage.tasks() + 1 > client.maxActiveTasks()) {
            return Optional.of(new LimitExceeded(client.id(), LimitExceeded.MAX_ACTIVE_TASKS, usage.tasks(), 1, client.maxActiveTasks()));
        }
        if (usage.replicas() + replicas > client.maxActiveReplicas()) {
            return Optional.of(new LimitExceeded(client.id(), LimitExceeded.MAX_ACTIVE_REPLICAS, usage.replicas(), replicas,
                    client.maxActiveReplicas()));
        }
        return Optional.empty();
    }
}
