package io.atq.gateway.tenancy;

import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

/**
 * Who may see (read, list, follow, cancel, read the logs, evidence and webhook deliveries of) a task: its owner, and
 * every admin. A task from before tenancy has no owner and is visible to admins only. A task someone may not see
 * answers exactly as an unknown id would: every route that takes a task id looks it up with {@link #find}.
 */
public final class TaskAccess {
    private TaskAccess() {
    }

    public static boolean maySee(ClientConfig client, TaskState task) {
        return client.isAdmin() || client.id().equals(task.clientId());
    }

    /**
     * The task {@code id} (a route's path variable, as the client sent it) names, if {@code client} may see it. Empty
     * alike for an id that cannot be a task ({@link TaskId}), an unknown one and another client's, so the caller
     * answers all three the same.
     */
    public static Optional<TaskState> find(TaskBook book, ClientConfig client, @Nullable String id) {
        return TaskId.tryParse(id).flatMap(book::find).filter(task -> maySee(client, task));
    }
}
