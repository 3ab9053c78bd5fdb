package io.atq.gateway.tenancy;

import io.atq.gateway.tasks.TaskState;
import org.jspecify.annotations.Nullable;

import java.util.Collection;

/**
 * What one client has running now: its non-terminal tasks and their workers, as one gateway's read model sees them.
 *
 * @param tasks    non-terminal tasks
 * @param replicas workers asked for by those tasks
 */
public record ActiveUsage(int tasks, int replicas) {
    /** Nothing running. */
    public static final ActiveUsage NONE = new ActiveUsage(0, 0);

    /** This usage and {@code other} together. */
    public ActiveUsage plus(ActiveUsage other) {
        return new ActiveUsage(tasks + other.tasks, replicas + other.replicas);
    }

    /** This usage less one task of {@code taskReplicas} workers; {@code null} (no entry) when nothing is left. */
    public @Nullable ActiveUsage without(int taskReplicas) {
        ActiveUsage left = new ActiveUsage(tasks - 1, replicas - taskReplicas);
        return left.tasks <= 0 ? null : left;
    }

    /** Counts the non-terminal tasks owned by {@code clientId} among {@code known}. */
    public static ActiveUsage of(String clientId, Collection<TaskState> known) {
        int tasks = 0;
        int replicas = 0;
        for (TaskState task : known) {
            if (!task.isTerminal() && clientId.equals(task.clientId())) {
                tasks++;
                replicas += task.spec().workers().replicas();
            }
        }
        return new ActiveUsage(tasks, replicas);
    }
}
