package io.atq.gateway.directors.rabbit;

import io.atq.contracts.names.Headers;
import io.atq.gateway.directors.DirectorLoad;
import io.atq.gateway.directors.DirectorLoads;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the gateway reads the lease a director puts on its heartbeat. */
class HeartbeatLeaseTest {
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final DirectorLoads loads = new DirectorLoads();
    private final RabbitHeartbeatListener listener = new RabbitHeartbeatListener(loads, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void keepsTheLeaseTheDirectorSent() {
        listener.onMessage(heartbeat("d1", Map.of(Headers.LEASE_MS, 3000L)));

        assertThat(only().lease()).isEqualTo(Duration.ofSeconds(3));
        assertThat(only().heardAt()).isEqualTo(NOW);
    }

    @Test
    void readsALeaseThatArrivesAsAnIntegerOrAString() {
        listener.onMessage(heartbeat("d1", Map.of(Headers.LEASE_MS, 60_000)));
        listener.onMessage(heartbeat("d2", Map.of(Headers.LEASE_MS, "2500")));

        assertThat(loads.all()).extracting(DirectorLoad::lease)
                .containsExactlyInAnyOrder(Duration.ofMinutes(1), Duration.ofMillis(2500));
    }

    @Test
    void leavesTheLeaseUnsaidWhenAnOlderDirectorSendsNone() {
        listener.onMessage(heartbeat("d1", Map.of()));

        assertThat(only().lease()).isNull();
        assertThat(only().runningTasks()).isEqualTo(1);
    }

    @Test
    void keepsTheLoadButNotAnUnreadableLease() {
        listener.onMessage(heartbeat("d1", Map.of(Headers.LEASE_MS, "soon")));
        listener.onMessage(heartbeat("d2", Map.of(Headers.LEASE_MS, 0L)));

        assertThat(loads.all()).hasSize(2).allSatisfy(load -> assertThat(load.lease()).isNull());
    }

    @Test
    void aDirectorThatSaysItLeftNoLongerCounts() {
        listener.onMessage(heartbeat("d1", Map.of(Headers.LEASE_MS, 15_000L)));
        listener.onMessage(heartbeat("d2", Map.of(Headers.LEASE_MS, 15_000L, Headers.DEPARTURE, Headers.DEPARTURE_STOPPING)));
        listener.onMessage(heartbeat("d1", Map.of(Headers.DEPARTURE, Headers.DEPARTURE_LEFT)));

        assertThat(only().directorId()).as("a stopping director still counts until it left").isEqualTo("d2");
    }

    private DirectorLoad only() {
        assertThat(loads.all()).hasSize(1);
        return loads.all().getFirst();
    }

    private static Message heartbeat(String director, Map<String, Object> extra) {
        MessageProperties properties = new MessageProperties();
        properties.setHeader(Headers.RUNNING_TASKS, 1);
        properties.setHeader(Headers.MAX_TASKS, 4);
        properties.setHeader(Headers.CLUSTER_WORKERS, 2);
        properties.setHeader(Headers.MAX_WORKERS, 200);
        extra.forEach(properties::setHeader);
        return new Message(director.getBytes(StandardCharsets.UTF_8), properties);
    }
}
