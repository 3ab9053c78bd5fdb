package io.atq.director.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectorPropertiesTest {
    private static final DirectorProperties.Reaper REAPER =
            new DirectorProperties.Reaper(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(2));
    private static final DirectorProperties.Deadlines DEADLINES =
            new DirectorProperties.Deadlines(Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(1));
    private static final DirectorProperties.Director DIRECTOR =
            new DirectorProperties.Director(8, Duration.ofMillis(200), Duration.ofSeconds(2), DEADLINES, REAPER, null);
    private static final DirectorProperties.Docker DOCKER = new DirectorProperties.Docker("unix:///var/run/docker.sock");

    @Test
    void aHeartbeatOfHalfTheLeaseOrMoreIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new DirectorProperties.Reaper(Duration.ofSeconds(30), Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ZERO))
                .hasMessageContaining("atq.director.reaper.heartbeat");
    }

    @Test
    void derivesADirectorIdFromHostAndPidWhenNoneIsGiven() {
        DirectorProperties properties = new DirectorProperties(null, "atq", "", DOCKER, DIRECTOR);

        assertThat(properties.directorId()).endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void refusesAnInstanceNameThatCannotBeALabelValueOrNamePart() {
        assertThatThrownBy(() -> new DirectorProperties(null, "ATQ Prod", "d", DOCKER, DIRECTOR))
                .hasMessage("atq.instance must be 1-63 lower-case letters, digits, '.', '_' or '-', was 'ATQ Prod'");
    }

    @Test
    void namesThePropertyAndTheAllowedRange() {
        assertThatThrownBy(() -> new DirectorProperties.Director(0, Duration.ofMillis(200), Duration.ofSeconds(2), DEADLINES, REAPER, null))
                .hasMessage("atq.director.max-concurrent-tasks must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> new DirectorProperties.Director(8, Duration.ofMillis(1), Duration.ofSeconds(2), DEADLINES, REAPER, null))
                .hasMessage("atq.director.poll-interval must be between PT0.01S and PT10S, was PT0.001S");
        assertThatThrownBy(() -> new DirectorProperties.Deadlines(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .hasMessageStartingWith("atq.director.deadlines.workers-running must be between PT1S and PT1H");
        assertThatThrownBy(() -> new DirectorProperties.Docker("/var/run/docker.sock"))
                .hasMessageStartingWith("atq.docker.host must start with unix://, tcp:// or npipe://");
    }
}
