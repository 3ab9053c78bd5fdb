package io.atq.gateway.config;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.gateway.bundles.BundleStore;
import io.atq.gateway.auth.TokenDirectory;
import io.atq.gateway.stream.LiveUpdates;
import io.atq.gateway.tasks.CatchUp;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tenancy.ActiveUsageIndex;
import io.atq.gateway.web.TaskEventStream;
import io.atq.gateway.web.TaskRequestParser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The shared YAML configuration, the clock, the read model and the web helpers. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /**
     * Loaded here only when {@code GatewayApplication.main} did not already register it (tests, other launchers);
     * a {@link io.atq.contracts.config.ConfigException} stops start-up with its message.
     */
    @Bean
    @ConditionalOnMissingBean
    AtqConfig atqConfig(GatewayProperties properties) {
        return ConfigLoader.load(properties.config());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Refuses to start without clients: such a gateway could only answer 401 (see {@link TokenDirectory}). */
    @Bean
    TokenDirectory tokenDirectory(AtqConfig config) {
        return new TokenDirectory(config);
    }

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    TaskRequestParser taskRequestParser(AtqConfig config, BundleStore bundles) {
        return new TaskRequestParser(new TaskSpecValidator(config), config.limits().defaultTimeout(), bundles::exists);
    }

    /** Masks secret args in everything the gateway shows or writes (views, events, log lines). */
    @Bean
    @ConditionalOnMissingBean
    SecretArgs secretArgs(AtqConfig config) {
        return new SecretArgs(config);
    }

    @Bean
    LiveUpdates liveUpdates() {
        return new LiveUpdates();
    }

    @Bean
    ActiveUsageIndex activeUsageIndex() {
        return new ActiveUsageIndex();
    }

    @Bean
    TaskBook taskBook(GatewayProperties properties, LiveUpdates liveUpdates, ActiveUsageIndex activeUsage) {
        TaskBook book = new TaskBook(properties.gateway().pendingLimit());
        // Usage first: a submission that sees a task's terminal phase live must also see its slot freed.
        book.addListener(activeUsage);
        book.addListener(liveUpdates);
        return book;
    }

    @Bean
    CatchUp catchUp() {
        return new CatchUp();
    }

    @Bean
    TaskEventStream taskEventStream(TaskBook book, LiveUpdates liveUpdates, GatewayProperties properties, SecretArgs secrets) {
        return new TaskEventStream(book, liveUpdates, properties.gateway().sseKeepAlive(), secrets);
    }
}
