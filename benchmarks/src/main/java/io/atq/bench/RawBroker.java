package io.atq.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;

import io.atq.contracts.tasks.TaskId;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw baselines' broker side: a plain amqp-client connection that publishes exactly what the apps publish
 * (contracts' {@link MessageCodec} body, routing key, properties, confirms, mandatory).
 */
final class RawBroker implements AutoCloseable {
    /** The baseline's own exchange, bound like {@link Topology#EXCHANGE} to a quorum queue and a stream. */
    static final String RAW_EXCHANGE = "atq-bench.raw.v1";
    static final String RAW_QUEUE = "atq-bench.raw-requests.v1";
    static final String RAW_STREAM = "atq-bench.raw-log.v1";
    /** The README's demo task, as the gateway builds it from {@link AtqHttp#DEMO_TASK}. */
    static final TaskSpec DEMO_SPEC = new TaskSpec("demo",
            new WorkerSpec("atq/demo-worker:1", 3, Map.of("MODE", "node"), 8080),
            new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")),
            Duration.ofMinutes(5));

    /** A request hash as an authenticated gateway records it (64 hex digits), so the raw body is never the smaller one. */
    private static final String REQUEST_HASH = "9f".repeat(32);

    private final MessageCodec codec = new MessageCodec();
    private final Connection connection;
    private final AtomicLong returned = new AtomicLong();

    RawBroker(String vhost) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost(vhost);
        this.connection = factory.newConnection("atq-bench");
    }

    Connection connection() {
        return connection;
    }

    /** Declares the raw publisher's exchange, quorum queue (request queue arguments) and stream (log stream arguments). */
    void declareRawTopology() throws IOException, TimeoutException {
        try (Channel ch = connection.createChannel()) {
            ch.exchangeDeclare(RAW_EXCHANGE, "topic", true);
            ch.queueDeclare(RAW_QUEUE, true, false, false, Topology.requestQueueArguments());
            ch.queueDeclare(RAW_STREAM, true, false, false, Topology.logStreamArguments());
            ch.queueBind(RAW_QUEUE, RAW_EXCHANGE, Topology.KEY_REQUESTED);
            ch.queueBind(RAW_QUEUE, RAW_EXCHANGE, Topology.KEY_REQUESTED_QUIET);
            ch.queueBind(RAW_STREAM, RAW_EXCHANGE, Topology.KEY_ALL);
        }
    }

    void deleteRawTopology() throws IOException, TimeoutException {
        try (Channel ch = connection.createChannel()) {
            ch.queueDelete(RAW_QUEUE);
            ch.queueDelete(RAW_STREAM);
            ch.exchangeDelete(RAW_EXCHANGE);
        }
    }

    /** One confirmed publisher per channel: publish a fresh TaskRequested, wait for its confirm (as the gateway does). */
    Load.Op newRequestPublisher() throws IOException {
        Channel ch = newConfirmChannel();
        return () -> {
            TaskId id = TaskId.random();
            publish(ch, RAW_EXCHANGE, new TaskRequested(id, DEMO_SPEC, Instant.now(), "dev", id.value(), null, REQUEST_HASH));
            ch.waitForConfirmsOrDie(5_000);
            return true;
        };
    }

    Channel newConfirmChannel() throws IOException {
        Channel ch = connection.createChannel();
        ch.confirmSelect();
        ch.addReturnListener(r -> returned.incrementAndGet());
        return ch;
    }

    /** Publishes {@code message} the way the apps do; returns its message id. */
    String publish(Channel ch, String exchange, TaskMessage message) throws IOException {
        String messageId = UUID.randomUUID().toString();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .type(message.typeId())
                .messageId(messageId)
                .deliveryMode(2)
                .headers(Map.of(Headers.TASK_ID, Objects.requireNonNull(message.taskId()).value()))
                .build();
        // The bench's tasks have no callback: the apps publish such requests and phases with the quiet keys.
        ch.basicPublish(exchange, message.type().routingKey(false), true, props, codec.encode(message));
        return messageId;
    }

    /** Messages the broker returned as unroutable (must stay 0). */
    long returned() {
        return returned.get();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
