package io.atq.gateway.tasks;

import java.util.List;

/**
 * One page of a task list.
 *
 * @param items the tasks, in list order
 * @param next  where the next page starts, or {@code null} when this is the last one
 */
public record TaskPage(List<TaskState> items, PageCursor next) {
    public TaskPage {
        items = List.copyOf(items);
    }
}
