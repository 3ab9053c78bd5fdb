package io.atq.gateway.problems;

import java.util.List;

/** A bundle that tasks which have not ended still use cannot be deleted (409); retry once they ended. */
public final class BundleInUseException extends RuntimeException {
    private final List<String> tasks;

    public BundleInUseException(String id, List<String> tasks) {
        super("bundle '" + id + "' is used by " + tasks.size() + " task(s) that have not ended: " + String.join(", ", tasks));
        this.tasks = List.copyOf(tasks);
    }

    public List<String> getTasks() {
        return tasks;
    }

    public boolean isRetryable() {
        return true;
    }
}
