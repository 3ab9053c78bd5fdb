package io.atq.gateway.stream;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.UnreadableMessageException;
import io.atq.contracts.names.Topology;
import io.atq.gateway.tasks.CatchUp;
import io.atq.gateway.tasks.TaskBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

import java.util.function.Consumer;

/**
 * Applies every message read from the task log stream to the read model, in log order. Unreadable messages
 * are skipped with a warning: a stream cannot dead-letter, and one bad message must not stall every task behind it.
 */
public final class TaskLogListener implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(TaskLogListener.class);

    private final MessageCodec codec;
    private final TaskBook book;
    private final CatchUp catchUp;
    private final Consumer<TaskMessage> alsoApply;

    public TaskLogListener(MessageCodec codec, TaskBook book, CatchUp catchUp) {
        this(codec, book, catchUp, message -> { });
    }

    /** @param alsoApply another read model fed from the same log, after the book (e.g. the webhooks' ledger) */
    public TaskLogListener(MessageCodec codec, TaskBook book, CatchUp catchUp, Consumer<TaskMessage> alsoApply) {
        this.codec = codec;
        this.book = book;
        this.catchUp = catchUp;
        this.alsoApply = alsoApply;
    }

    @Override
    public void onMessage(Message message) {
        String type = message.getMessageProperties().getType();
        TaskMessage decoded;
        try {
            decoded = codec.decode(type, message.getBody());
        } catch (UnreadableMessageException e) {
            log.warn("Skipped unreadable message {} on {}: {}", message.getMessageProperties().getMessageId(),
                    Topology.LOG_STREAM, e.getMessage());
            return;
        }
        try {
            if (decoded instanceof StreamMarker marker) {
                if (catchUp.read(marker)) {
                    log.info("Read model caught up with {}: {} task(s), {} message(s) pending", Topology.LOG_STREAM,
                            book.size(), book.pendingCount());
                }
                return;
            }
            book.apply(decoded);
            alsoApply.accept(decoded);
        } catch (RuntimeException e) {
            // Type and task only: a TaskRequested's toString carries its args, secret ones included.
            log.warn("Skipped {} of task {} that the read model could not apply: {}", decoded.typeId(), decoded.taskId(),
                    e.getMessage(), e);
        }
    }
}
