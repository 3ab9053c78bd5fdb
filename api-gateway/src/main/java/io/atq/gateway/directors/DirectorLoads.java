package io.atq.gateway.directors;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The latest heartbeat load of each director this gateway heard (thread-safe; forgetting the silent is the reader's job). */
public final class DirectorLoads {
    private final Map<String, DirectorLoad> latest = new ConcurrentHashMap<>();

    /** Records a heartbeat; an older one arriving late never replaces a newer one. */
    public void heard(DirectorLoad load) {
        latest.merge(load.directorId(), load, (old, now) -> now.heardAt().isBefore(old.heardAt()) ? old : now);
    }

    /** Every director heard so far with its latest load. */
    public List<DirectorLoad> all() {
        return List.copyOf(latest.values());
    }
}
