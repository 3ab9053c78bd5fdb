package io.atq.gateway.tasks;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of a task list.
 *
 * @param items the tasks, in list order
 * @param next  where the next page starts; {@code null} when this is the last one
 */
public record TaskPage(List<TaskState> items, @Nullable PageCursor next) {
    public TaskPage {
        items = List.copyOf(items);
    }
}
