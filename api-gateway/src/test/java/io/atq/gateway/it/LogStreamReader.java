package io.atq.gateway.it;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads the task log stream from its first message with a plain AMQP client, to see what really is on it. */
final class LogStreamReader {
    private LogStreamReader() {
    }

    /** The first message on the log matching {@code wanted}, if one arrives within {@code timeout}. */
    static Optional<TaskMessage> find(Predicate<TaskMessage> wanted, Duration timeout) throws Exception {
        MessageCodec codec = new MessageCodec();
        BlockingQueue<TaskMessage> read = new LinkedBlockingQueue<>();
        try (Connection connection = SharedBroker.clientFactory().newConnection("it-log-reader");
             Channel channel = connection.createChannel()) {
            channel.basicQos(500); // a stream consumer must set a prefetch
            channel.basicConsume(Topology.LOG_STREAM, false, Map.of(Headers.STREAM_OFFSET, "first"), new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws java.io.IOException {
                    read.add(codec.decode(properties.getType(), body));
                    try {
                        channel.basicAck(envelope.getDeliveryTag(), false);
                    } catch (AlreadyClosedException e) {
                        // the reader found what it wanted and closed the channel while deliveries were in flight
                    }
                }
            });
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                TaskMessage message = read.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && wanted.test(message)) {
                    return Optional.of(message);
                }
            }
            return Optional.empty();
        }
    }
}
