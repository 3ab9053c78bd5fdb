package io.atq.director.health;

import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.TaskRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP once the ledger caught up with the task log (the director takes requests only from then on). */
public final class TaskLogHealthIndicator implements HealthIndicator {
    private final TaskLedger ledger;
    private final TaskRunner runner;

    public TaskLogHealthIndicator(TaskLedger ledger, TaskRunner runner) {
        this.ledger = ledger;
        this.runner = runner;
    }

    @Override
    public Health health() {
        Health.Builder builder = ledger.isCaughtUp() ? Health.up() : Health.down().withDetail("reason", "catching up with the task log");
        return builder.withDetail("knownTasks", ledger.knownTasks()).withDetail("runningTasks", runner.runningCount()).build();
    }
}
