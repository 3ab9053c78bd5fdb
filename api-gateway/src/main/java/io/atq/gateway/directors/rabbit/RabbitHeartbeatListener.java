package io.atq.gateway.directors.rabbit;

import io.atq.contracts.names.Headers;
import io.atq.gateway.directors.DirectorLoad;
import io.atq.gateway.directors.DirectorLoads;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Hears the directors' heartbeats (body: the director id; load as headers) and keeps each one's latest load.
 * A heartbeat without load headers (a director of an older version) is ignored: it could only mislead the reason.
 * One without a (readable, positive) lease header keeps a null lease: the reason then assumes the default lease.
 * A director's last heartbeat, saying it left ({@code Headers.DEPARTURE}), removes it at once.
 */
public final class RabbitHeartbeatListener implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(RabbitHeartbeatListener.class);

    private final DirectorLoads loads;
    private final Clock clock;

    public RabbitHeartbeatListener(DirectorLoads loads, Clock clock) {
        this.loads = loads;
        this.clock = clock;
    }

    @Override
    public void onMessage(Message message) {
        String director = new String(message.getBody(), StandardCharsets.UTF_8);
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        if (Headers.DEPARTURE_LEFT.equals(String.valueOf(headers.get(Headers.DEPARTURE)))) {
            loads.left(director);
            return;
        }
        try {
            Object paused = headers.get(Headers.INTAKE_PAUSED);
            loads.heard(new DirectorLoad(director, number(headers, Headers.RUNNING_TASKS), number(headers, Headers.MAX_TASKS),
                    number(headers, Headers.CLUSTER_WORKERS), number(headers, Headers.MAX_WORKERS),
                    paused == null ? null : paused.toString(), clock.instant(), lease(director, headers)));
        } catch (IllegalArgumentException e) {
            log.debug("heartbeat of {} without a readable load: {}", director, e.getMessage());
        }
    }

    private static @Nullable Duration lease(String director, Map<String, Object> headers) {
        Object value = headers.get(Headers.LEASE_MS);
        if (value == null) {
            return null;
        }
        try {
            long millis = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // falls through: a wrong lease must not cost the load it came with
        }
        log.debug("heartbeat of {} with an unreadable lease {}: the default applies", director, value);
        return null;
    }

    private static int number(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value == null) {
            throw new IllegalArgumentException("no header " + name);
        }
        // Headers may arrive as (long) strings depending on the client that sent them.
        return Integer.parseInt(value.toString());
    }
}
