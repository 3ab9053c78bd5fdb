package io.atq.gateway.tenancy;

import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each client's {@link ActiveUsage}, kept up to date as the read model changes, so a submission's limit check costs
 * one map lookup instead of a pass over every task the gateway knows (which grew with the read model and dominated
 * the gateway's CPU per request under load, see docs/benchmarks.md).
 *
 * <p>Fed by the {@link TaskBook} as a listener: a task counts from its creation (it enters {@code QUEUED}) until it
 * enters a terminal phase, which happens at most once. The book calls listeners in log order on its writing thread;
 * reads may come from any thread.
 */
public final class ActiveUsageIndex implements TaskBook.Listener {
    private final Map<String, ActiveUsage> byClient = new ConcurrentHashMap<>();

    @Override
    public void phaseEntered(TaskState task) {
        if (task.clientId() == null) {
            return; // a task from before clients existed: no client's limits count it
        }
        int replicas = task.spec().workers().replicas();
        if (task.isTerminal()) {
            byClient.computeIfPresent(task.clientId(), (client, usage) -> usage.without(replicas));
        } else if (task.history().size() == 1) {
            byClient.merge(task.clientId(), new ActiveUsage(1, replicas), ActiveUsage::plus);
        }
    }

    /** What {@code clientId} has running now, as this gateway's read model sees it. */
    public ActiveUsage of(String clientId) {
        return byClient.getOrDefault(clientId, ActiveUsage.NONE);
    }
}
