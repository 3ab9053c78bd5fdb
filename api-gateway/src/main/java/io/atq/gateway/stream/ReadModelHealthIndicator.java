package io.atq.gateway.stream;

import io.atq.gateway.tasks.CatchUp;
import io.atq.gateway.tasks.TaskBook;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@code readModel} health: DOWN ("replaying") until the task log has been replayed up to this gateway's marker. */
public final class ReadModelHealthIndicator implements HealthIndicator {
    private final CatchUp catchUp;
    private final TaskBook book;

    public ReadModelHealthIndicator(CatchUp catchUp, TaskBook book) {
        this.catchUp = catchUp;
        this.book = book;
    }

    @Override
    public Health health() {
        Health.Builder builder = catchUp.isCaughtUp() ? Health.up().withDetail("state", "caught-up")
                : Health.down().withDetail("state", "replaying");
        return builder.withDetail("tasks", book.size()).withDetail("pending", book.pendingCount()).build();
    }
}
