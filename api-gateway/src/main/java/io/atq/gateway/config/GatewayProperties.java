package io.atq.gateway.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Everything the gateway reads from Spring's environment under {@code atq}. Checked when bound, so a bad
 * value stops start-up with a message that names the allowed range.
 *
 * @param config   path of the shared YAML configuration (env {@code ATQ_CONFIG}); unset: the embedded default
 * @param instance name of this ATQ system (env {@code ATQ_INSTANCE}); directors label Swarm objects with it
 * @param gateway  the gateway's own settings
 */
@ConfigurationProperties("atq")
public record GatewayProperties(@Nullable String config, @DefaultValue("atq") String instance, @DefaultValue Gateway gateway) {
    private static final Pattern INSTANCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public GatewayProperties {
        if (instance == null || !INSTANCE.matcher(instance).matches()) {
            throw new IllegalArgumentException("atq.instance must be 1-63 lower-case letters, digits or '-', was '" + instance + "'");
        }
    }

    /**
     * @param publishTimeout  longest wait for the broker's confirm of one publish (100ms–60s)
     * @param retryAfter      the {@code Retry-After} a 503 tells clients to wait (1s–1h)
     * @param maxRequestSize  largest accepted request body (1KB–1MB); larger gives 413
     * @param sseKeepAlive    interval of comment keep-alives on an open event stream (1s–5m)
     * @param streamPrefetch  unacknowledged messages the task-log consumer may hold (the stream requires a prefetch; 1–10000)
     * @param markerRetry     first back-off when publishing the catch-up marker fails; grows up to 30 s (100ms–1m)
     * @param pendingLimit    most messages kept for tasks whose request was not seen yet (0–1000000)
     * @param idempotencyWait longest wait, after publishing a keyed request, for the task log to show which request
     *                        of that task id came first; longer gives 503 (100ms–60s)
     */
    public record Gateway(@DefaultValue("5s") Duration publishTimeout,
                          @DefaultValue("5s") Duration retryAfter,
                          @DefaultValue("64KB") DataSize maxRequestSize,
                          @DefaultValue("15s") Duration sseKeepAlive,
                          @DefaultValue("200") int streamPrefetch,
                          @DefaultValue("1s") Duration markerRetry,
                          @DefaultValue("10000") int pendingLimit,
                          @DefaultValue("5s") Duration idempotencyWait) {
        // The canonical constructor binds; the shorter one below is for code written before idempotencyWait.
        @ConstructorBinding
        public Gateway {
            requireBetween("atq.gateway.publish-timeout", publishTimeout, Duration.ofMillis(100), Duration.ofSeconds(60));
            requireBetween("atq.gateway.retry-after", retryAfter, Duration.ofSeconds(1), Duration.ofHours(1));
            requireBetween("atq.gateway.sse-keep-alive", sseKeepAlive, Duration.ofSeconds(1), Duration.ofMinutes(5));
            requireBetween("atq.gateway.marker-retry", markerRetry, Duration.ofMillis(100), Duration.ofMinutes(1));
            requireBetween("atq.gateway.idempotency-wait", idempotencyWait, Duration.ofMillis(100), Duration.ofSeconds(60));
            if (maxRequestSize == null || maxRequestSize.toBytes() < 1024 || maxRequestSize.toBytes() > 1024 * 1024) {
                throw new IllegalArgumentException("atq.gateway.max-request-size must be between 1KB and 1MB, was " + maxRequestSize);
            }
            if (streamPrefetch < 1 || streamPrefetch > 10_000) {
                throw new IllegalArgumentException("atq.gateway.stream-prefetch must be between 1 and 10000, was " + streamPrefetch);
            }
            if (pendingLimit < 0 || pendingLimit > 1_000_000) {
                throw new IllegalArgumentException("atq.gateway.pending-limit must be between 0 and 1000000, was " + pendingLimit);
            }
        }

        /** The settings before {@code idempotencyWait} existed, with its default. */
        public Gateway(Duration publishTimeout, Duration retryAfter, DataSize maxRequestSize, Duration sseKeepAlive,
                       int streamPrefetch, Duration markerRetry, int pendingLimit) {
            this(publishTimeout, retryAfter, maxRequestSize, sseKeepAlive, streamPrefetch, markerRetry, pendingLimit,
                    Duration.ofSeconds(5));
        }

        private static void requireBetween(String name, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
            }
        }
    }
}
