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
 */
@ConfigurationProperties("atq.director.evidence")
public record EvidenceProperties(@DefaultValue("1m") Duration expireInterval, @DefaultValue("64MB") DataSize maxLogSize) {
    static final DataSize MIN_LOG_SIZE = DataSize.ofKilobytes(64);
    static final DataSize MAX_LOG_SIZE = DataSize.ofGigabytes(64);

    public EvidenceProperties {
        if (expireInterval == null || expireInterval.compareTo(Duration.ofSeconds(1)) < 0 || expireInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("atq.director.evidence.expire-interval must be between PT1S and P1D, was " + expireInterval);
        }
        if (maxLogSize == null || maxLogSize.compareTo(MIN_LOG_SIZE) < 0 || maxLogSize.compareTo(MAX_LOG_SIZE) > 0) {
            throw new IllegalArgumentException("atq.director.evidence.max-log-size must be between 64KB and 64GB, was " + maxLogSize);
        }
    }
}
