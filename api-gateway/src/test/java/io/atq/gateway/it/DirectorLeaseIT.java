package io.atq.gateway.it;

import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The queued reason over HTTP, from heartbeats on the real broker: each director's silence is judged by the lease its
 * heartbeat carries, not by one fixed 15 s.
 */
class DirectorLeaseIT extends GatewayTestBase {

    @Test
    void aSilentDirectorWithAShortLeaseIsGoneWhileOneWithALongLeaseStillCountsAfterFifteenSeconds() {
        String id = submit();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String shortLease = "short-" + run;
        String longLease = "long-" + run;
        // One heartbeat each, then silence: as if both had died at the same moment.
        beat(shortLease, 1, Duration.ofSeconds(1));
        beat(longLease, 3, Duration.ofSeconds(60));
        long beaten = System.nanoTime();

        // The short lease ends first: with one fixed silence both would count, then vanish together.
        awaitReason(id, "the only director is at capacity (3/3 tasks)", Duration.ofSeconds(30));
        // Still counted, throughout, until silent for longer than the old fixed 15 s.
        Duration pastFifteen = Duration.ofSeconds(17).minusNanos(System.nanoTime() - beaten);
        if (!pastFifteen.isNegative()) {
            await().during(pastFifteen).atMost(pastFifteen.plusSeconds(15)).untilAsserted(
                    () -> assertReason(id, "the only director is at capacity (3/3 tasks)"));
        }
        awaitReason(id, "the only director is at capacity (3/3 tasks)", Duration.ofSeconds(5));

        // Clean up for the other tests in this gateway: a last heartbeat whose lease ends at once.
        beat(longLease, 3, Duration.ofMillis(1));
        awaitReason(id, "no director is running", Duration.ofSeconds(10));
        purgeRequests();
    }

    /** A heartbeat as a director sends it: its id as body, its load (full: {@code tasks} of {@code tasks}) and lease as headers. */
    private void beat(String director, int tasks, Duration lease) {
        MessageProperties properties = new MessageProperties();
        properties.setHeader(Headers.RUNNING_TASKS, tasks);
        properties.setHeader(Headers.MAX_TASKS, tasks);
        properties.setHeader(Headers.CLUSTER_WORKERS, 0);
        properties.setHeader(Headers.MAX_WORKERS, 200);
        properties.setHeader(Headers.INTAKE_PAUSED, "at capacity (" + tasks + "/" + tasks + " tasks)");
        properties.setHeader(Headers.LEASE_MS, lease.toMillis());
        rabbit.send(Topology.HEARTBEAT_EXCHANGE, "", new Message(director.getBytes(StandardCharsets.UTF_8), properties));
    }

    private void awaitReason(String id, String reason, Duration atMost) {
        await().atMost(atMost).untilAsserted(() -> assertReason(id, reason));
    }

    private void assertReason(String id, String reason) {
        http.get().uri("/v1/tasks/{id}", id).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.phase").isEqualTo("QUEUED")
                .jsonPath("$.queuedReason").isEqualTo(reason);
    }
}
