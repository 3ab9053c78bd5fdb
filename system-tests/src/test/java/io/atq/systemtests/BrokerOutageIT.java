package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broker outage during a burst: RabbitMQ's application is stopped inside its container ({@code rabbitmqctl stop_app}:
 * every connection drops, new ones are refused, the port stays) while 4 clients submit, then started again. Every
 * request must get 202 (and that task ends) or a 503 with {@code Retry-After}; the gateway and the director reconnect
 * by themselves and the read model sees every accepted task end.
 */
class BrokerOutageIT extends SystemTestBase {
    private static final int CLIENTS = 4;
    private static final int SUBMISSIONS_PER_CLIENT = 10;
    private static final Duration PAUSE_BETWEEN_SUBMISSIONS = Duration.ofMillis(1200);
    private static final Duration OUTAGE_AFTER = Duration.ofSeconds(4);
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    /** What one submission got. */
    private record Answer(int status, String taskId, String retryAfter, long millis) {
    }

    BrokerOutageIT() {
        super(1);
    }

    @Override
    protected boolean ownBroker() {
        return true; // it stops and starts the broker's app
    }

    @Test
    void everyRequestDuringAnOutageIsAcceptedAndFinishesOrRefusedFastWithRetryAfter() throws Exception {
        List<Answer> answers = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            work.add(clients.submit(() -> {
                for (int i = 0; i < SUBMISSIONS_PER_CLIENT; i++) {
                    answers.add(submit("burst-" + client + "-" + i));
                    sleep(PAUSE_BETWEEN_SUBMISSIONS);
                }
                return null;
            }));
        }
        Future<?> outage = clients.submit(() -> {
            sleep(OUTAGE_AFTER);
            rabbitmqctl("stop_app");
            sleep(OUTAGE);
            rabbitmqctl("start_app");
            return null;
        });
        for (Future<?> f : work) {
            f.get(3, TimeUnit.MINUTES);
        }
        outage.get(2, TimeUnit.MINUTES);
        clients.shutdown();

        List<Answer> accepted = answers.stream().filter(a -> a.status() == 202).toList();
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        List<Answer> other = answers.stream().filter(a -> a.status() != 202 && a.status() != 503).toList();
        long max503 = refused.stream().mapToLong(Answer::millis).max().orElse(0);

        // Every accepted task ends, and the read model (rebuilt from the stream after the reconnect) shows it.
        Map<String, String> terminal = new ConcurrentHashMap<>();
        for (Answer answer : accepted) {
            JsonNode view = gateway.awaitPhase(answer.taskId(), AtqClient.TERMINAL, Duration.ofMinutes(5));
            terminal.put(answer.taskId(), view.get("phase").asString());
            gateway.awaitCleanedUp(answer.taskId());
        }
        // A 503 after a lost confirm may still have reached the queue: such a task must end (and be removed) too.
        Set<String> acceptedIds = new HashSet<>(accepted.stream().map(Answer::taskId).toList());
        List<String> unconfirmedButQueued = new ArrayList<>();
        for (JsonNode task : gateway.listAll("limit=500")) {
            String id = task.get("id").asString();
            if (!acceptedIds.contains(id)) {
                unconfirmedButQueued.add(id);
                gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(5));
                gateway.awaitCleanedUp(id);
            }
        }
        long succeeded = terminal.values().stream().filter("SUCCEEDED"::equals).count();
        int lost = accepted.size() - terminal.size();

        System.out.printf("[broker-outage] submissions=%d 202=%d 503=%d other=%d max503Latency=%dms accepted=%d terminal=%d "
                        + "succeeded=%d lost=%d unconfirmedButQueued=%d readModel=%s%n",
                answers.size(), accepted.size(), refused.size(), other.size(), max503, accepted.size(), terminal.size(),
                succeeded, lost, unconfirmedButQueued.size(), gateway.get("/actuator/health").json().at("/components/readModel/details"));

        assertThat(answers).hasSize(CLIENTS * SUBMISSIONS_PER_CLIENT);
        assertThat(other).as("answers other than 202 and 503").isEmpty();
        assertThat(refused).as("the outage refused some submissions").isNotEmpty();
        assertThat(accepted).as("submissions before and after the outage were accepted").isNotEmpty();
        assertThat(refused).allSatisfy(a -> assertThat(a.retryAfter()).as("Retry-After of a 503").matches("[0-9]+"));
        // Generous: a refusal waits at most for one connection attempt or one confirm timeout, never for the outage.
        assertThat(max503).as("slowest 503 (ms)").isLessThan(OUTAGE.toMillis() + 7_000);
        assertThat(lost).as("accepted tasks that never ended").isZero();
        assertThat(succeeded).as("accepted tasks that succeeded").isEqualTo(accepted.size());
        assertThat(gateway.get("/actuator/health").json().at("/components/readModel/status").asString()).isEqualTo("UP");
    }

    private Answer submit(String name) {
        long start = System.nanoTime();
        AtqClient.Reply reply = gateway.post("/v1/tasks", TaskRequests.demoBody(name, 1));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String id = reply.status() == 202 ? reply.json().get("id").asString() : null;
        return new Answer(reply.status(), id, reply.raw().headers().firstValue("Retry-After").orElse(null), millis);
    }

    /** Runs rabbitmqctl inside the test's own broker container (the mapped port stays the same). */
    private void rabbitmqctl(String command) throws Exception {
        Container.ExecResult result = system.broker().execInContainer("rabbitmqctl", command);
        assertThat(result.getExitCode()).as("rabbitmqctl %s: %s", command, result.getStderr()).isZero();
        System.out.printf("[broker-outage] rabbitmqctl %s at %s%n", command, java.time.Instant.now());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
