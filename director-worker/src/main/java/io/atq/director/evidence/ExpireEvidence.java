package io.atq.director.evidence;

import io.atq.contracts.tasks.TaskId;
import io.atq.director.ledger.TaskLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/**
 * The periodic job that removes task folders whose retention has passed ({@link ExpiryDecision}). Every director runs
 * it; {@link EvidenceStore#expire} makes concurrent passes safe. Nothing is judged before the ledger has caught up
 * with the task log (before that, every task would look unknown).
 */
public final class ExpireEvidence implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ExpireEvidence.class);

    private final EvidenceStore store;
    private final TaskLedger ledger;
    private final ExpiryDecision decision;
    private final Clock clock;

    public ExpireEvidence(EvidenceStore store, TaskLedger ledger, ExpiryDecision decision, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.decision = decision;
        this.clock = clock;
    }

    /** One pass; never throws (a failing file system just means: next time). */
    @Override
    public void run() {
        if (!ledger.isCaughtUp()) {
            return;
        }
        try {
            int expired = 0;
            for (TaskId taskId : store.taskIds()) {
                expired += judge(taskId) ? 1 : 0;
            }
            int leftovers = store.purgeLeftovers();
            if (expired > 0 || leftovers > 0) {
                log.info("evidence expiry: {} task folder(s) removed, {} leftover(s) purged", expired, leftovers);
            }
        } catch (UncheckedIOException e) {
            log.warn("evidence expiry pass skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("evidence expiry pass failed", e);
        }
    }

    private boolean judge(TaskId taskId) {
        Instant now = clock.instant();
        ExpiryDecision.Verdict verdict = decision.decide(store.endMarker(taskId), status(taskId), now);
        switch (verdict.action()) {
            case EXPIRE -> {
                if (store.expire(taskId)) {
                    log.info("task {}: evidence removed: {}", taskId, verdict.reason());
                    return true;
                }
                log.debug("task {}: evidence already removed by another director", taskId);
            }
            case MARK_ENDED -> {
                store.markEnded(taskId, now);
                log.info("task {}: end marker written: {}", taskId, verdict.reason());
            }
            case KEEP -> log.trace("task {}: evidence kept: {}", taskId, verdict.reason());
            case LEAVE -> log.debug("task {}: folder left alone: {}", taskId, verdict.reason());
        }
        return false;
    }

    private ExpiryDecision.TaskStatus status(TaskId taskId) {
        if (ledger.isTerminal(taskId)) {
            return ExpiryDecision.TaskStatus.ENDED;
        }
        return ledger.isKnown(taskId) ? ExpiryDecision.TaskStatus.NOT_ENDED : ExpiryDecision.TaskStatus.UNKNOWN;
    }
}
