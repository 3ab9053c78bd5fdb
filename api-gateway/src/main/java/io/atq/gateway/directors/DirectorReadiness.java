package io.atq.gateway.directors;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How many directors can take tasks now, from their latest heartbeats. Pure.
 *
 * @param alive          directors heard within their lease
 * @param takingTasks    of those, the ones taking requests now
 * @param full           of those, the ones paused for room (every task slot taken, or the worker limit reached):
 *                       they take tasks again as others end
 * @param cannotRunTasks when directors are alive but none takes or will take tasks (each paused for another reason:
 *                       Docker unavailable, probe image missing, shared folder full, catching up), their reasons by
 *                       director ({@code "director-1: shared folder … is full …"}); null otherwise
 */
public record DirectorReadiness(int alive, int takingTasks, int full, @Nullable String cannotRunTasks) {

    /** The readiness at {@code now}. */
    public static DirectorReadiness of(List<DirectorLoad> loads, Instant now) {
        List<DirectorLoad> alive = loads.stream().filter(l -> QueuedReasons.isAlive(l, now)).toList();
        int taking = (int) alive.stream().filter(l -> l.intakePaused() == null).count();
        // Paused for room (task slots or the worker limit) is not unable: it takes tasks again as others end.
        int full = (int) alive.stream().filter(l -> l.intakePaused() != null && (l.full() || l.lacksWorkersFor(1))).count();
        String cannot = null;
        if (!alive.isEmpty() && taking == 0 && full == 0) {
            cannot = alive.stream()
                    .sorted(java.util.Comparator.comparing(DirectorLoad::directorId))
                    .map(l -> l.directorId() + ": " + l.intakePaused())
                    .collect(Collectors.joining("; "));
        }
        return new DirectorReadiness(alive.size(), taking, full, cannot);
    }
}
