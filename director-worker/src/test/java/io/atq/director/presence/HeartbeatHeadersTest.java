package io.atq.director.presence;

import io.atq.contracts.names.Headers;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.capacity.Capacity;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.reaper.Leases;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

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
        Capacity capacity = new Capacity(4, 10, reason -> {
        });
        capacity.taken(TaskId.random());
        capacity.taken(TaskId.random());
        Message message = heartbeats("d1", Duration.ofSeconds(15), capacity).message();

        assertThat(message.getMessageProperties().getHeaders())
                .containsEntry(Headers.RUNNING_TASKS, 2)
                .containsEntry(Headers.MAX_TASKS, 4)
                .containsEntry(Headers.MAX_WORKERS, 10)
                .containsEntry(Headers.LEASE_MS, 15_000L);
    }

    @Test
    void aPausedIntakeSaysWhy() {
        Message message = heartbeats("d1", Duration.ofSeconds(5)).message();

        // The switch has not heard that the ledger caught up.
        assertThat(message.getMessageProperties().getHeaders())
                .containsEntry(Headers.INTAKE_PAUSED, "catching up with the task log");
    }

    @Test
    void aDepartureHeaderIsReadAsStoppingOrLeftAndAnythingElseAsAnOrdinaryHeartbeat() {
        assertThat(RabbitHeartbeats.departureOf(Headers.DEPARTURE_STOPPING)).isEqualTo(Leases.Departure.STOPPING);
        assertThat(RabbitHeartbeats.departureOf(Headers.DEPARTURE_LEFT)).isEqualTo(Leases.Departure.LEFT);
        assertThat(RabbitHeartbeats.departureOf(null)).isEqualTo(Leases.Departure.NONE);
        assertThat(RabbitHeartbeats.departureOf("moved-to-mars")).isEqualTo(Leases.Departure.NONE);
    }

    @Test
    void anOrdinaryHeartbeatCarriesNoDeparture() {
        assertThat(heartbeats("d1", Duration.ofSeconds(5)).message().getMessageProperties().getHeaders())
                .doesNotContainKey(Headers.DEPARTURE);
    }

    private static RabbitHeartbeats heartbeats(String directorId, Duration lease) {
        return heartbeats(directorId, lease, new Capacity(1, 1, reason -> {
        }));
    }

    private static RabbitHeartbeats heartbeats(String directorId, Duration lease, Capacity capacity) {
        IntakeSwitch intake = new IntakeSwitch(new IntakeSwitch.Intake() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }
        });
        // No template: building a heartbeat touches no broker.
        return new RabbitHeartbeats(directorId, new Leases(directorId, lease), null, Clock.systemUTC(), capacity, intake);
    }
}
