package io.atq.contracts.config;

import java.time.Duration;
import java.util.List;

/**
 * How callbacks are delivered.
 *
 * @param retrySchedule the wait before each retry (attempt 2, 3, …); after the last, the delivery is given up.
 *                      Each actual wait is jittered by up to ±20 %.
 * @param timeout       connect + response timeout of one attempt
 * @param allowHosts    hosts or IP literals allowed even though they are not public (the SSRF guard's exceptions)
 */
public record WebhookSettings(List<Duration> retrySchedule, Duration timeout, List<String> allowHosts) {
    /** 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h: seven retries over about 4.7 hours. */
    public static final WebhookSettings DEFAULT = new WebhookSettings(
            List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
                    Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3)),
            Duration.ofSeconds(10), List.of());

    public WebhookSettings {
        retrySchedule = List.copyOf(retrySchedule);
        allowHosts = List.copyOf(allowHosts);
    }
}
