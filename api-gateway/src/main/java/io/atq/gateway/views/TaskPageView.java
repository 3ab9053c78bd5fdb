package io.atq.gateway.views;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of {@code GET /v1/tasks}.
 *
 * @param items      the tasks, newest first
 * @param nextCursor pass as {@code cursor} (with the same filters) for the next page; {@code null} on the last page
 */
public record TaskPageView(List<TaskView> items, @Nullable String nextCursor) {
}
