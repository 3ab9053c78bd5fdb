package io.atq.systemtests.support;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.names.Topology;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * Reads the system's task log stream from its first message, as gateways and directors do: what was really
 * requested and what the directors really did (for example, how many times a task was provisioned).
 */
public final class TaskLogTap implements AutoCloseable {
    private static final MessageCodec CODEC = new MessageCodec();

    private final Connection connection;
    private final List<TaskMessage> messages = new CopyOnWriteArrayList<>();

    private TaskLogTap(Connection connection) {
        this.connection = connection;
    }

    /** Starts reading the task log of {@code broker} (the stream must exist: start a gateway or director first). */
    public static TaskLogTap of(TestSystem.BrokerAddress broker) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.vhost());
        try {
            TaskLogTap tap = new TaskLogTap(factory.newConnection("system-test-task-log-tap"));
            Channel channel = tap.connection.createChannel();
            channel.basicQos(200); // a stream consumer must set a prefetch
            channel.basicConsume(Topology.LOG_STREAM, false, Map.of("x-stream-offset", "first"),
                    (tag, delivery) -> {
                        tap.messages.add(CODEC.decode(delivery.getProperties().getType(), delivery.getBody()));
                        channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                    }, tag -> { });
            return tap;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot read " + Topology.LOG_STREAM, e);
        }
    }

    /** Every message about {@code taskId} read so far, in log order. */
    public List<TaskMessage> of(String taskId) {
        return messages.stream().filter(m -> m.taskId() != null && taskId.equals(m.taskId().value())).toList();
    }

    /** Messages about {@code taskId} of one kind, in log order. */
    public <T extends TaskMessage> List<T> of(String taskId, Class<T> kind) {
        return of(taskId).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
