package io.atq.gateway.health;

import io.atq.gateway.directors.DirectorLoads;
import io.atq.gateway.directors.DirectorReadiness;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;

/**
 * {@code directors} health: always UP (this gateway still serves reads and accepts work that waits, QUEUED, for a
 * director), with details that say whether any director can take tasks now and, if none can, why (e.g. every director
 * reports its shared folder full or its probe image missing). See {@link DirectorReadiness}.
 */
public final class DirectorsHealthIndicator implements HealthIndicator {
    private final DirectorLoads loads;
    private final Clock clock;

    public DirectorsHealthIndicator(DirectorLoads loads, Clock clock) {
        this.loads = loads;
        this.clock = clock;
    }

    @Override
    public Health health() {
        DirectorReadiness readiness = DirectorReadiness.of(loads.all(), clock.instant());
        Health.Builder builder = Health.up()
                .withDetail("alive", readiness.alive())
                .withDetail("takingTasks", readiness.takingTasks())
                .withDetail("full", readiness.full());
        if (readiness.cannotRunTasks() != null) {
            builder.withDetail("cannotRunTasks", readiness.cannotRunTasks());
        }
        return builder.build();
    }
}
