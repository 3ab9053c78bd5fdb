package io.atq.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.contracts.phase.Phase;

import io.atq.contracts.tasks.TaskId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <p>
 * The SSE client times each line where the JDK HttpClient hands it over (a line subscriber), one thread hop from the
 * socket, as the raw consumer's callback is one hop from amqp-client's reader thread. Reading lines through
 * {@code BodyHandlers.ofLines()} adds a second hop (a blocking reader woken per line) that the raw side does not pay.
 */
final class RelayBench {
    private static final Pattern PHASE = Pattern.compile("\"phase\"\\s*:\\s*\"([A-Z_]+)\"");
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

    /** @param base the gateway's base URL (http://host:port), for the event streams */
    static Result run(AtqHttp http, String base, RawBroker broker, int tasks, int warmupTasks) throws Exception {
        HttpClient sseClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
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
                String id = Objects.requireNonNull(submitted.taskId()); // accepted: it has one
                BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
                Thread follower = Thread.ofVirtual().start(() -> {
                    try {
                        follow(sseClient, base, id, arrivals);
                    } catch (IOException | InterruptedException e) {
                        arrivals.add(new Arrival("ERROR " + e, System.nanoTime()));
                    }
                });
                expect(arrivals, "QUEUED", id);
                for (Phase phase : PHASES) {
                    TaskPhaseChanged change = new TaskPhaseChanged(TaskId.parse(id), phase, Instant.now(), "atq-bench-relay",
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
            sseClient.close();
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

    /** Follows the task's event stream until the gateway ends it, adding each phase event as it arrives. */
    private static void follow(HttpClient client, String base, String taskId, BlockingQueue<Arrival> arrivals)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/tasks/" + taskId + "/events"))
                .header("Authorization", AtqHttp.AUTHORIZATION)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<Void> response = client.send(request, info -> info.statusCode() == 200
                ? HttpResponse.BodyHandlers.fromLineSubscriber(new PhaseLines(arrivals)).apply(info)
                : HttpResponse.BodySubscribers.replacing(null));
        if (response.statusCode() != 200) {
            throw new IOException("GET events of " + taskId + " answered " + response.statusCode());
        }
    }

    /** Times each {@code data:} line on arrival and queues its phase. */
    private record PhaseLines(BlockingQueue<Arrival> arrivals) implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (line.startsWith("data:")) {
                Matcher m = PHASE.matcher(line);
                if (m.find()) {
                    arrivals.add(new Arrival(m.group(1), now));
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            // send() throws it to the follower, which reports it.
        }

        @Override
        public void onComplete() {
        }
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
