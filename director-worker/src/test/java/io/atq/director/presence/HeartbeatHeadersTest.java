package io.atq.director.presence;

import io.atq.contracts.names.Headers;
import io.atq.director.reaper.Leases;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a heartbeat tells its readers: who sent it, its load, and the lease by which to judge its silence. */
class HeartbeatHeadersTest {

    @Test
    void everyHeartbeatCarriesTheConfiguredLeaseInMillisecondsAsALong() {
        Message message = heartbeats("d1", Duration.ofSeconds(3)).message();

        assertThat(message.getMessageProperties().getHeaders()).containsEntry(Headers.LEASE_MS, 3000L);
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo("d1");
    }

    @Test
    void aLongLeaseIsSentAsConfigured() {
        Message message = heartbeats("d2", Duration.ofMinutes(1)).message();

        assertThat(message.getMessageProperties().getHeaders().get(Headers.LEASE_MS)).isEqualTo(60_000L);
    }

    @Test
    void theLeaseTravelsBesideTheLoad() {
        Message message = heartbeats("d1", Duration.ofSeconds(15))
                .carrying(() -> Map.of(Headers.RUNNING_TASKS, 2, Headers.MAX_TASKS, 4))
                .message();

        assertThat(message.getMessageProperties().getHeaders())
                .containsEntry(Headers.RUNNING_TASKS, 2)
                .containsEntry(Headers.MAX_TASKS, 4)
                .containsEntry(Headers.LEASE_MS, 15_000L);
    }

    @Test
    void theLeaseIsSentEvenWhenTheLoadCannotBeRead() {
        Message message = heartbeats("d1", Duration.ofSeconds(5))
                .carrying(() -> {
                    throw new IllegalStateException("capacity not known yet");
                })
                .message();

        assertThat(message.getMessageProperties().getHeaders())
                .doesNotContainKey(Headers.RUNNING_TASKS)
                .containsEntry(Headers.LEASE_MS, 5_000L);
    }

    private static RabbitHeartbeats heartbeats(String directorId, Duration lease) {
        // No template: building a heartbeat touches no broker.
        return new RabbitHeartbeats(directorId, new Leases(directorId, lease), null, Clock.systemUTC());
    }
}
