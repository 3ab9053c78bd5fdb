package io.atq.director.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * How this director writes and expires task evidence (prefix {@code atq.director.evidence}); how long it is kept is
 * the shared YAML's {@code evidence.retention}.
 *
 * @param expireInterval pause between two passes of the expiry job (1s-1d)
 * @param maxLogSize     the most kept of each log file of a task ({@code master.log}, each {@code worker-<slot>.log}):
 *                       later lines are left out and one last line says how much (64KB-64GB, default 64MB; the shared
 *                       folder must hold that much per role and task)
 * @param summaryBudget  the longest a task's results files may take to be summarized once its master ended (1s-1h,
 *                       default 2m): the task waits in {@code COLLECTING} meanwhile; past it the results count as not
 *                       summarized (an evidence problem; a task with thresholds fails)
 */
@ConfigurationProperties("atq.director.evidence")
public record EvidenceProperties(@DefaultValue("1m") Duration expireInterval, @DefaultValue("64MB") DataSize maxLogSize,
                                 @DefaultValue("2m") Duration summaryBudget) {
    static final DataSize MIN_LOG_SIZE = DataSize.ofKilobytes(64);
    static final DataSize MAX_LOG_SIZE = DataSize.ofGigabytes(64);
    static final Duration MIN_SUMMARY_BUDGET = Duration.ofSeconds(1);
    static final Duration MAX_SUMMARY_BUDGET = Duration.ofHours(1);

    public EvidenceProperties {
        if (expireInterval == null || expireInterval.compareTo(Duration.ofSeconds(1)) < 0 || expireInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("atq.director.evidence.expire-interval must be between PT1S and P1D, was " + expireInterval);
        }
        if (maxLogSize == null || maxLogSize.compareTo(MIN_LOG_SIZE) < 0 || maxLogSize.compareTo(MAX_LOG_SIZE) > 0) {
            throw new IllegalArgumentException("atq.director.evidence.max-log-size must be between 64KB and 64GB, was " + maxLogSize);
        }
        if (summaryBudget == null || summaryBudget.compareTo(MIN_SUMMARY_BUDGET) < 0 || summaryBudget.compareTo(MAX_SUMMARY_BUDGET) > 0) {
            throw new IllegalArgumentException("atq.director.evidence.summary-budget must be between PT1S and PT1H, was " + summaryBudget);
        }
    }
}
