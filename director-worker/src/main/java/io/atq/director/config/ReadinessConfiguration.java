package io.atq.director.config;

import io.atq.boot.SharedFolderHealthIndicator;
import io.atq.contracts.config.AtqConfig;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.readiness.CheckRunReadiness;
import io.atq.director.swarm.SwarmClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether this director can run tasks (probe image, shared folder), checked at start-up and every
 * {@value #INTERVAL_SECONDS} s; while it cannot, the {@link IntakeSwitch} keeps intake stopped and health says why.
 */
@Configuration(proxyBeanMethods = false)
public class ReadinessConfiguration {
    static final long INTERVAL_SECONDS = 5;

    @Bean
    CheckRunReadiness checkRunReadiness(SwarmClient swarm, IntakeSwitch intakeSwitch, AtqConfig config) {
        CheckRunReadiness check = new CheckRunReadiness(swarm, intakeSwitch, config.probeImage(), config.sharedPath(),
                config.evidence().minFreeBytes());
        // Once now, before the ledger catches up and intake may start: a director that cannot run tasks never takes one.
        check.run();
        return check;
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService readinessScheduler(CheckRunReadiness check) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("run-readiness").daemon().factory());
        scheduler.scheduleWithFixedDelay(check, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
        return scheduler;
    }

    @Bean
    SharedFolderHealthIndicator sharedFolderHealthIndicator(AtqConfig config) {
        return new SharedFolderHealthIndicator(config.sharedPath(), config.evidence().minFreeBytes());
    }
}
