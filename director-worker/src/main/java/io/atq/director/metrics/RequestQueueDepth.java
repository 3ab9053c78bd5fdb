package io.atq.director.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request queue's ready-message count as this director sees it, gauged as {@value #METER}. Refreshed on its own
 * thread every interval with one passive declare, so a scrape never waits for the broker; -1 until the first answer
 * and while the broker is unreachable (a stale count would look like a healthy one).
 */
public final class RequestQueueDepth implements AutoCloseable {
    /** Gauge of messages ready in the request queue. */
    public static final String METER = "atq.queue.depth";
    private static final Logger log = LoggerFactory.getLogger(RequestQueueDepth.class);

    private final AmqpAdmin admin;
    private final String queue;
    private final AtomicLong depth = new AtomicLong(-1);
    private final ScheduledExecutorService refresher =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("queue-depth").daemon().factory());

    public RequestQueueDepth(AmqpAdmin admin, String queue, MeterRegistry registry) {
        this.admin = admin;
        this.queue = queue;
        Gauge.builder(METER, depth, AtomicLong::get)
                .description("Messages ready in the request queue, as last read by this director (-1: unknown)")
                .tag("queue", queue)
                .register(registry);
    }

    /** Starts refreshing every {@code interval}. */
    public void start(Duration interval) {
        refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the count once. */
    void refresh() {
        try {
            QueueInformation info = admin.getQueueInfo(queue);
            depth.set(info == null ? -1 : info.getMessageCount());
        } catch (RuntimeException e) {
            // The broker is away; health and the listener report that, the gauge only stops pretending to know.
            depth.set(-1);
            log.debug("cannot read the depth of {}: {}", queue, e.getMessage());
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
