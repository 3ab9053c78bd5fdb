package io.atq.gateway.directors;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest heartbeat load of each director this gateway heard (thread-safe). Whether a director counts as alive is
 * the reader's judgement ({@link QueuedReasons#isAlive}); a director silent for {@value #FORGET_AFTER_LEASES} of its
 * leases is forgotten, so directors that came and went (each restart has a new default id) do not pile up.
 */
public final class DirectorLoads {
    /** Leases of silence after which a director is dropped (it already counted as gone after one). */
    static final int FORGET_AFTER_LEASES = 10;

    private final Map<String, DirectorLoad> latest = new ConcurrentHashMap<>();

    /** Records a heartbeat (an older one arriving late never replaces a newer one) and forgets the long silent. */
    public void heard(DirectorLoad load) {
        latest.merge(load.directorId(), load, (old, now) -> now.heardAt().isBefore(old.heardAt()) ? old : now);
        Instant now = load.heardAt();
        latest.values().removeIf(old -> old.heardAt().plus(old.effectiveLease().multipliedBy(FORGET_AFTER_LEASES)).isBefore(now));
    }

    /** A director said it left: it no longer counts, at once. */
    public void left(String directorId) {
        latest.remove(directorId);
    }

    /** Every director heard and not forgotten, with its latest load. */
    public List<DirectorLoad> all() {
        return List.copyOf(latest.values());
    }
}
