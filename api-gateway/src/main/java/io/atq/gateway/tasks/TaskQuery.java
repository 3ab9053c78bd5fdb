package io.atq.gateway.tasks;

import io.atq.contracts.phase.Phase;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One page of a task list: tasks newest first (creation time, then id, a total and stable order), those in
 * {@code phase} (if given) carrying every label filter, after {@code after} (if given), at most {@code limit}.
 * Paging by sort key rather than offset keeps pages free of duplicates and gaps while tasks arrive and change phase.
 *
 * @param phase  only tasks in this phase
 * @param labels every one must match (AND)
 * @param limit  the page size, at least 1
 * @param after  start after this task; {@code null} for the first page
 */
public record TaskQuery(@Nullable Phase phase, List<LabelFilter> labels, int limit, @Nullable PageCursor after) {
    /** Newest first; the id breaks ties so the order is total. */
    public static final Comparator<TaskState> ORDER =
            Comparator.comparing(TaskState::createdAt).reversed().thenComparing(TaskState::id);

    public TaskQuery {
        labels = List.copyOf(labels);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** A fingerprint of the filters (not the limit: a client may change the page size between pages). */
    public static String fingerprint(@Nullable Phase phase, List<LabelFilter> labels) {
        String canonical = (phase == null ? "" : phase.name()) + "\n"
                + labels.stream().map(LabelFilter::toString).sorted().distinct().collect(Collectors.joining("\n"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(PageCursor.sha256(canonical), 6));
    }

    /** This query's filter fingerprint. */
    public String fingerprint() {
        return fingerprint(phase, labels);
    }

    /** Whether {@code task} passes the filters (ignoring the page position). */
    public boolean matches(TaskState task) {
        return (phase == null || task.phase() == phase)
                && labels.stream().allMatch(filter -> filter.matches(task.spec().labels()));
    }

    /** The page of {@code tasks} this query asks for. */
    public TaskPage page(Collection<TaskState> tasks) {
        List<TaskState> candidates = tasks.stream()
                .filter(this::matches)
                .filter(task -> after == null || after.precedes(task))
                .sorted(ORDER)
                .limit(limit + 1L)
                .toList();
        if (candidates.size() <= limit) {
            return new TaskPage(candidates, null);
        }
        List<TaskState> items = candidates.subList(0, limit);
        return new TaskPage(items, PageCursor.after(items.get(limit - 1)));
    }
}
