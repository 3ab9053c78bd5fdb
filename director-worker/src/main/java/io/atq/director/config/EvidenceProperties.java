package io.atq.director.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How this director expires task evidence (prefix {@code atq.director.evidence}); how long it is kept is the shared
 * YAML's {@code evidence.retention}.
 *
 * @param expireInterval pause between two passes of the expiry job (1s-1d)
 */
@ConfigurationProperties("atq.director.evidence")
public record EvidenceProperties(@DefaultValue("1m") Duration expireInterval) {
    public EvidenceProperties {
        if (expireInterval == null || expireInterval.compareTo(Duration.ofSeconds(1)) < 0 || expireInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("atq.director.evidence.expire-interval must be between PT1S and P1D, was " + expireInterval);
        }
    }
}
