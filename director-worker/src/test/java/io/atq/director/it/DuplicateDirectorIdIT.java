package io.atq.director.it;

import io.atq.director.presence.DirectorIdClaim;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Director ids are unique among running directors, enforced by the broker: a second process started with the id of a
 * running director waits one lease (a crashed predecessor's connection may linger) and refuses to start, naming the id;
 * the running one goes on. Once the first has stopped, a director with that id starts at once (a restart after a crash).
 */
class DuplicateDirectorIdIT {
    private static final Duration LEASE = Duration.ofSeconds(3);

    @Test
    void aSecondDirectorWithARunningDirectorsIdRefusesToStartAndOneWithAFreedIdStarts() throws Exception {
        IsolatedDirector first = new IsolatedDirector(yaml -> yaml, Map.of("atq.director.reaper.lease", LEASE.toString(),
                "atq.director.reaper.heartbeat", "500ms"));
        ConfigurableApplicationContext restarted = null;
        try {
            Instant start = Instant.now();
            assertThatThrownBy(first::startTwin)
                    .rootCause().isInstanceOf(DirectorIdClaim.DuplicateDirectorId.class)
                    .hasMessageContaining("director id '" + first.instance + "-director' is in use by another running director")
                    .hasMessageContaining("atq.director-id (ATQ_DIRECTOR_ID)");
            Duration refusedAfter = Duration.between(start, Instant.now());
            System.out.println("[duplicate id] the twin refused to start after " + refusedAfter.toMillis() + " ms");
            assertThat(refusedAfter).as("it waited one lease for the holder to go").isGreaterThanOrEqualTo(LEASE);
            assertThat(first.context.isActive()).as("the running director goes on").isTrue();
            assertThat(first.requestQueue()[1]).as("the first director still consumes requests").isEqualTo(1);

            first.context.close();
            start = Instant.now();
            restarted = first.startTwin();
            System.out.println("[duplicate id] with the first stopped, a director with its id started in "
                    + Duration.between(start, Instant.now()).toMillis() + " ms");
            // Its intake opens once it has read the task log.
            Instant until = Instant.now().plusSeconds(30);
            while (first.requestQueue()[1] == 0 && Instant.now().isBefore(until)) {
                Thread.sleep(200);
            }
            assertThat(first.requestQueue()[1]).as("the new director consumes requests").isEqualTo(1);
        } finally {
            if (restarted != null) {
                restarted.close();
            }
            first.close();
        }
    }
}
