package io.atq.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.contracts.phase.Phase;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Event relay: this process plays a director, publishing each {@code TaskPhaseChanged} of a task exactly as a
 * director does (same exchange, routing key, properties, confirms), and times its arrival at an SSE client of the
 * gateway. The baseline is a plain amqp-client consumer of the same log stream receiving the same message.
 * Runs against a gateway with no director, so the tasks are never deployed.
 * <p>
 * Both sides are timed from the same instant (just before the publish) for the same message. The first
 * {@code warmupTasks} tasks are run the same way but not counted: the gateway's first event streams load and compile
 * the SSE path, which is start-up cost, not relay latency. Nearest-rank p99 needs more than 100 samples to be anything
 * but the maximum, so callers should ask for at least 15 tasks (105 events).
 */
final class RelayBench {
    private static final List<Phase> PHASES = List.of(Phase.PROVISIONING, Phase.STARTING_WORKERS, Phase.DISCOVERING,
            Phase.STARTING_MASTER, Phase.RUNNING, Phase.COLLECTING, Phase.SUCCEEDED);

    /**
     * @param added  per event, the SSE client's time minus the raw consumer's time for the same message: what the
     *               gateway (and the HTTP client) adds on top of the broker's own delivery
     * @param worst  the slowest SSE samples, in ms: {event index, sse, raw stream}
     */
    record Result(Stats sse, Stats stream, Stats added, int events, List<double[]> worst) {
    }

    private record Arrival(String phase, long nanos) {
    }

    static Result run(AtqHttp http, RawBroker broker, int tasks, int warmupTasks) throws Exception {
        Map<String, Long> streamArrivals = new ConcurrentHashMap<>();
        Channel consumer = broker.connection().createChannel();
        // A stream needs a prefetch and manual acks; "next": only what is published from now on.
        consumer.basicQos(200);
        consumer.basicConsume(Topology.LOG_STREAM, false, Map.of(Headers.STREAM_OFFSET, "next"), new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
                long now = System.nanoTime();
                if (props.getMessageId() != null) {
                    streamArrivals.put(props.getMessageId(), now);
                }
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
        Channel publisher = broker.newConfirmChannel();
        List<Long> sse = new ArrayList<>();
        List<Long> stream = new ArrayList<>();
        try {
            for (int t = 0; t < warmupTasks + tasks; t++) {
                if (t == warmupTasks) {
                    sse.clear();
                    stream.clear();
                }
                AtqHttp.Submitted submitted = http.submit(AtqHttp.DEMO_TASK);
                if (!submitted.accepted()) {
                    throw new IllegalStateException("relay: POST answered " + submitted.status());
                }
                String id = submitted.taskId();
                BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
                Thread follower = Thread.ofVirtual().start(() -> {
                    try {
                        http.follow(id, (phase, nanos) -> arrivals.add(new Arrival(phase, nanos)));
                    } catch (IOException | InterruptedException e) {
                        arrivals.add(new Arrival("ERROR " + e, System.nanoTime()));
                    }
                });
                expect(arrivals, "QUEUED", id);
                for (Phase phase : PHASES) {
                    TaskPhaseChanged change = new TaskPhaseChanged(id, phase, Instant.now(), "atq-bench-relay",
                            phase.ordinal() >= Phase.STARTING_MASTER.ordinal() ? List.of("10.0.9.2", "10.0.9.3", "10.0.9.4") : List.of(),
                            phase == Phase.COLLECTING || phase == Phase.SUCCEEDED ? 0 : null, null);
                    long sent = System.nanoTime();
                    String messageId = broker.publish(publisher, Topology.EXCHANGE, change);
                    publisher.waitForConfirmsOrDie(5_000);
                    Arrival arrival = expect(arrivals, phase.name(), id);
                    sse.add(arrival.nanos() - sent);
                    stream.add(awaitStream(streamArrivals, messageId) - sent);
                }
                follower.join(10_000);
            }
        } finally {
            consumer.close();
            publisher.close();
        }
        List<Long> added = new ArrayList<>();
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < sse.size(); i++) {
            added.add(sse.get(i) - stream.get(i));
            samples.add(new double[]{i, sse.get(i) / 1e6, stream.get(i) / 1e6});
        }
        samples.sort((a, b) -> Double.compare(b[1], a[1]));
        return new Result(Stats.of(sse), Stats.of(stream), Stats.of(added), sse.size(), samples.subList(0, Math.min(5, samples.size())));
    }

    private static Arrival expect(BlockingQueue<Arrival> arrivals, String phase, String taskId) throws InterruptedException {
        Arrival arrival = arrivals.poll(10, TimeUnit.SECONDS);
        if (arrival == null || !arrival.phase().equals(phase)) {
            throw new IllegalStateException("relay: task " + taskId + " expected SSE " + phase + ", got "
                    + (arrival == null ? "nothing within 10 s" : arrival.phase()));
        }
        return arrival;
    }

    private static long awaitStream(Map<String, Long> arrivals, String messageId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Long at = arrivals.remove(messageId);
            if (at != null) {
                return at;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("relay: the raw stream consumer never received " + messageId);
    }
}
