package io.atq.gateway.stream;

import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.names.Topology;
import io.atq.gateway.publish.TaskPublisher;
import io.atq.gateway.tasks.CatchUp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Each time the task-log consumer is (re)subscribed, its replay starts from the first message again: mark the read
 * model as replaying and publish a {@link StreamMarker} with a fresh nonce; {@link TaskLogListener} flips it to
 * caught up when the nonce comes back. Publishing is retried with back-off while that nonce is still awaited.
 */
public final class CatchUpMarker implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(CatchUpMarker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final TaskPublisher publisher;
    private final CatchUp catchUp;
    private final Clock clock;
    private final String instance;
    private final Duration firstBackoff;
    private volatile @Nullable Disposable publishing;

    public CatchUpMarker(TaskPublisher publisher, CatchUp catchUp, Clock clock, String instance, Duration firstBackoff) {
        this.publisher = publisher;
        this.catchUp = catchUp;
        this.clock = clock;
        this.instance = instance;
        this.firstBackoff = firstBackoff;
    }

    @EventListener
    public void consumerSubscribed(ConsumeOkEvent event) {
        if (Topology.LOG_STREAM.equals(event.getQueue())) {
            start();
        }
    }

    /** Starts a new catch-up round: replaying until the new marker is read back. */
    public synchronized void start() {
        String nonce = instance + ":gateway:" + UUID.randomUUID();
        catchUp.awaiting(nonce);
        log.info("Replaying {} from the first message; caught up when marker {} is read back", Topology.LOG_STREAM, nonce);
        if (publishing != null) {
            publishing.dispose();
        }
        // Called on the consumer's thread: publish (which waits for the confirm) elsewhere.
        publishing = Mono.fromRunnable(() -> publisher.publish(new StreamMarker(nonce, clock.instant())))
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, firstBackoff).maxBackoff(MAX_BACKOFF)
                        .filter(e -> nonce.equals(catchUp.awaitedNonce()))
                        .doBeforeRetry(s -> log.warn("Publishing marker {} failed ({}); retrying", nonce, s.failure().getMessage())))
                .subscribe(done -> { }, e -> log.warn("Gave up publishing marker {}: {}", nonce, e.getMessage()));
    }

    @Override
    public synchronized void destroy() {
        if (publishing != null) {
            publishing.dispose();
        }
    }
}
