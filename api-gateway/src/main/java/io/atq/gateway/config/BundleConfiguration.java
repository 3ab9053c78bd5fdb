package io.atq.gateway.config;

import io.atq.boot.SharedFolderHealthIndicator;
import io.atq.contracts.config.AtqConfig;
import io.atq.gateway.bundles.BundleExtractor;
import io.atq.gateway.bundles.BundleStore;
import io.atq.gateway.bundles.SharedFolderBundleStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Test-data bundles in the shared folder's {@code bundles/}, extracted within the configured {@code bundles} limits; the shared
 * folder's health.
 */
@Configuration(proxyBeanMethods = false)
public class BundleConfiguration {

    @Bean
    BundleStore bundleStore(AtqConfig config, Clock clock) {
        return new SharedFolderBundleStore(config.sharedFolder().bundles(), new BundleExtractor(config.bundles()), clock);
    }

    @Bean
    SharedFolderHealthIndicator sharedFolderHealthIndicator(AtqConfig config) {
        return new SharedFolderHealthIndicator(config.sharedPath(), config.evidence().minFreeBytes());
    }
}
