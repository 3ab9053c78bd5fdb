package io.atq.gateway.config;

import io.atq.boot.KeepAliveReadWorkaround;
import io.atq.gateway.problems.RetryAfter;
import io.atq.gateway.publish.TaskPublisher;
import io.atq.gateway.stream.LiveUpdates;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tenancy.ActiveUsageIndex;
import io.atq.gateway.web.BoundedPublish;
import io.atq.gateway.web.RequestBodies;
import io.atq.gateway.web.RequestBodyBuffering;
import io.atq.gateway.web.TaskSubmission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * The HTTP layer's settings handed over as values: the routes, filters and problem handler see a size or a duration,
 * never {@link GatewayProperties}.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    KeepAliveReadWorkaround keepAliveReadWorkaround() {
        return new KeepAliveReadWorkaround();
    }

    @Bean
    RequestBodyBuffering requestBodyBuffering(GatewayProperties properties) {
        return new RequestBodyBuffering(properties.gateway().maxRequestSize());
    }

    /** How {@code POST /v1/tasks} reads its JSON body: up to {@code atq.gateway.max-request-size}. */
    @Bean
    RequestBodies requestBodies(GatewayProperties properties) {
        return new RequestBodies(properties.gateway().maxRequestSize());
    }

    @Bean
    RetryAfter retryAfter(GatewayProperties properties) {
        return new RetryAfter(properties.gateway().retryAfter());
    }

    /** A request's publish answers within the publish timeout and this: the worker's own timeout normally ends it first. */
    private static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

    @Bean
    BoundedPublish boundedPublish(TaskPublisher publisher, GatewayProperties properties) {
        return new BoundedPublish(publisher, properties.gateway().publishTimeout().plus(ANSWER_MARGIN));
    }

    @Bean
    TaskSubmission taskSubmission(TaskBook book, ActiveUsageIndex activeUsage, LiveUpdates updates, BoundedPublish publishing,
                                  Clock clock, GatewayProperties properties) {
        return new TaskSubmission(book, activeUsage, updates, publishing, clock, properties.gateway().idempotencyWait());
    }
}
