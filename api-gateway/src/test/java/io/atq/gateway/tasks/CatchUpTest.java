package io.atq.gateway.tasks;

import io.atq.contracts.messages.StreamMarker;
import org.junit.jupiter.api.Test;

import static io.atq.gateway.tasks.TaskMessages.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Catch-up detection: caught up only on reading back the awaited marker. */
class CatchUpTest {
    private final CatchUp catchUp = new CatchUp();

    @Test
    void isNotCaughtUpBeforeTheReaderStarts() {
        assertThat(catchUp.isCaughtUp()).isFalse();
        assertThat(catchUp.read(new StreamMarker("any", at(0)))).isFalse();
    }

    @Test
    void isCaughtUpOnlyWhenItsOwnMarkerComesBack() {
        catchUp.awaiting("mine");
        assertThat(catchUp.read(new StreamMarker("another gateway's", at(0)))).isFalse();
        assertThat(catchUp.isCaughtUp()).isFalse();
        assertThat(catchUp.read(new StreamMarker("mine", at(1)))).isTrue();
        assertThat(catchUp.isCaughtUp()).isTrue();
    }

    @Test
    void aRestartedReaderReplaysAgainAndIgnoresItsOldMarker() {
        catchUp.awaiting("first");
        catchUp.read(new StreamMarker("first", at(0)));
        catchUp.awaiting("second");
        assertThat(catchUp.isCaughtUp()).isFalse();
        assertThat(catchUp.read(new StreamMarker("first", at(0)))).isFalse();
        assertThat(catchUp.read(new StreamMarker("second", at(1)))).isTrue();
        assertThat(catchUp.awaitedNonce()).isEqualTo("second");
    }
}
