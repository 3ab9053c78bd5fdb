package io.atq.gateway.tenancy;

import io.atq.contracts.config.ClientConfig;
import io.atq.gateway.tasks.TaskState;

/**
 * Who may see (read, list, follow, cancel) a task: its owner, and every admin. A task from before tenancy has no
 * owner and is visible to admins only. A task someone may not see answers exactly as an unknown id would.
 */
public final class TaskAccess {
    private TaskAccess() {
    }

    public static boolean maySee(ClientConfig client, TaskState task) {
        return client.isAdmin() || client.id().equals(task.clientId());
    }
}
