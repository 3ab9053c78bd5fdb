package io.atq.director.config;

import io.atq.contracts.config.AtqConfig;
import io.atq.director.evidence.EvidenceStore;
import io.atq.director.evidence.ExpireEvidence;
import io.atq.director.evidence.ExpiryDecision;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.storage.SharedFolderEvidenceStore;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The evidence expiry job ({@code evidence.retention} from the YAML, {@code atq.director.evidence.*}). */
@Configuration(proxyBeanMethods = false)
public class EvidenceConfiguration {

    @Bean
    EvidenceStore evidenceStore(AtqConfig config) {
        return new SharedFolderEvidenceStore(config);
    }

    @Bean
    ExpireEvidence expireEvidence(EvidenceStore store, TaskLedger ledger, AtqConfig config, Clock clock) {
        return new ExpireEvidence(store, ledger, new ExpiryDecision(config.evidence().retention()), clock);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService evidenceScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("evidence-expiry").daemon().factory());
    }

    /** The first pass one interval after start-up (it also waits for the ledger to catch up). */
    @Bean
    ApplicationRunner startEvidenceExpiry(ScheduledExecutorService evidenceScheduler, ExpireEvidence expireEvidence,
                                          EvidenceProperties properties) {
        long interval = properties.expireInterval().toMillis();
        return args -> evidenceScheduler.scheduleWithFixedDelay(expireEvidence, interval, interval, TimeUnit.MILLISECONDS);
    }
}
