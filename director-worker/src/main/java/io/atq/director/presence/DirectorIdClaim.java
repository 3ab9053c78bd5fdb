package io.atq.director.presence;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.atq.director.orchestration.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One running process per director id. Two directors with one id would each take the other's tasks for its own (a
 * task's owner is its director id), and their heartbeats would keep a dead twin's lease alive. The broker enforces it:
 * a director's heartbeat queue ({@link RabbitHeartbeats#queueName}) is exclusive, so only one connection can hold it.
 * At start-up, before any listener consumes, the director declares it; when another live connection holds it, the
 * director tries again for {@code patience} (a crashed predecessor's connection may not be closed by the broker yet),
 * then refuses to start with an error that names the id.
 */
public final class DirectorIdClaim {
    private static final Logger log = LoggerFactory.getLogger(DirectorIdClaim.class);
    /** AMQP's RESOURCE_LOCKED: an exclusive queue held by another connection. */
    private static final int RESOURCE_LOCKED = 405;
    private static final Duration RETRY = Duration.ofMillis(500);

    /** The id is in use by another running director: not retryable, the configuration must change. */
    public static final class DuplicateDirectorId extends IllegalStateException {
        DuplicateDirectorId(String message) {
            super(message);
        }
    }

    private final String directorId;
    private final ConnectionFactory connections;
    private final Clock clock;
    private final Sleeper sleeper;

    public DirectorIdClaim(String directorId, ConnectionFactory connections, Clock clock, Sleeper sleeper) {
        this.directorId = directorId;
        this.connections = connections;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Claims the id, or throws {@link DuplicateDirectorId} once another director held it for {@code patience}. With the
     * broker away nothing can be checked: the director starts (its heartbeat queue is declared when the broker is back,
     * and a twin's declaration fails then, loudly, in its log).
     */
    public void claim(Duration patience) throws InterruptedException {
        Instant until = clock.instant().plus(patience);
        while (true) {
            try {
                if (tryClaim()) {
                    log.info("director id {}: this process holds it (heartbeat queue {})", directorId, RabbitHeartbeats.queueName(directorId));
                    return;
                }
            } catch (AmqpConnectException e) {
                log.warn("director id {}: cannot check that no other director uses it, the broker is away: {}", directorId, e.getMessage());
                return;
            }
            if (!clock.instant().isBefore(until)) {
                throw new DuplicateDirectorId("director id '" + directorId + "' is in use by another running director (the broker "
                        + "gives its exclusive heartbeat queue " + RabbitHeartbeats.queueName(directorId) + " to another connection, "
                        + "tried for " + patience + "): give every director its own atq.director-id (ATQ_DIRECTOR_ID); two directors "
                        + "with one id would take each other's tasks");
            }
            sleeper.sleep(RETRY);
        }
    }

    /** Declares the heartbeat queue on this director's connection: true when it holds it now, false when another does. */
    private boolean tryClaim() {
        try {
            Connection connection = connections.createConnection();
            try (Channel channel = connection.createChannel(false)) {
                // Exactly as RabbitHeartbeats.topology declares it: non-durable, exclusive, auto-delete, no arguments.
                channel.queueDeclare(RabbitHeartbeats.queueName(directorId), false, true, true, null);
                return true;
            }
        } catch (AmqpConnectException e) {
            throw e;
        } catch (AmqpException | java.io.IOException | java.util.concurrent.TimeoutException e) {
            // The broker closes the channel (or RabbitAdmin's declarations on a new connection fail) with 405.
            if (lockedElsewhere(e)) {
                log.warn("director id {}: held by another connection", directorId);
                return false;
            }
            throw new IllegalStateException("director id " + directorId + ": cannot declare its heartbeat queue: " + e.getMessage(), e);
        }
    }

    private static boolean lockedElsewhere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal && signal.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close
                    && close.getReplyCode() == RESOURCE_LOCKED) {
                return true;
            }
            if (cause.getMessage() != null && cause.getMessage().contains("RESOURCE_LOCKED")) {
                return true;
            }
        }
        return false;
    }
}
