package io.atq.director.ledger;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.UnreadableMessageException;
import io.atq.messaging.PublishException;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

import java.time.Clock;

/**
 * Reads the task log stream (from {@code first}, over AMQP 0-9-1) into the {@link TaskLedger}, and publishes this
 * reader's {@link StreamMarker} so it knows when it has caught up.
 */
public final class TaskLogReader implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(TaskLogReader.class);

    private final TaskLedger ledger;
    private final MessageCodec codec;
    private final ConfirmedPublisher publisher;
    private final Clock clock;

    public TaskLogReader(TaskLedger ledger, MessageCodec codec, ConfirmedPublisher publisher, Clock clock) {
        this.ledger = ledger;
        this.codec = codec;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void onMessage(Message message) {
        try {
            ledger.apply(codec.decode(message.getMessageProperties().getType(), message.getBody()));
        } catch (UnreadableMessageException e) {
            // Other producers' or newer message types: the ledger needs none of them.
            log.debug("skipping a task log message: {}", e.getMessage());
        }
    }

    /**
     * Publishes the marker unless already caught up. Called whenever the stream consumer (re)starts: if the broker was
     * away at start-up, the marker goes out once it is back.
     */
    public void publishMarker() {
        if (ledger.isCaughtUp()) {
            return;
        }
        try {
            publisher.publish(new StreamMarker(ledger.nonce(), clock.instant()));
            log.info("published stream marker {}; replaying the task log until it comes back", ledger.nonce());
        } catch (PublishException e) {
            log.warn("cannot publish the stream marker (will try again when the task log consumer restarts): {}", e.getMessage());
        }
    }
}
