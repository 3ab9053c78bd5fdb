package io.atq.director.evidence;

import io.atq.director.evidence.ExpiryDecision.Action;
import io.atq.director.evidence.ExpiryDecision.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceExpiryTest {
    private static final Instant ENDED = Instant.parse("2030-01-01T00:00:00Z");
    private final ExpiryDecision decision = new ExpiryDecision(Duration.ofDays(7));

    @Test
    void evidenceIsKeptUntilTheRetentionHasPassedSinceTheEndMarker() {
        Optional<String> marker = Optional.of(ENDED.toString());

        assertThat(decision.decide(marker, TaskStatus.ENDED, ENDED.plus(Duration.ofDays(7)).minusMillis(1)).action()).isEqualTo(Action.KEEP);
        assertThat(decision.decide(marker, TaskStatus.ENDED, ENDED.plus(Duration.ofDays(7))).action()).isEqualTo(Action.EXPIRE);
    }

    @Test
    void theMarkerDecidesEvenWhenTheTaskLogNoLongerKnowsTheTask() {
        Optional<String> marker = Optional.of(ENDED + "\n");

        assertThat(decision.decide(marker, TaskStatus.UNKNOWN, ENDED.plus(Duration.ofDays(8))).action()).isEqualTo(Action.EXPIRE);
    }

    @Test
    void anEndedTaskWithoutAMarkerGetsOneSoRetentionStartsNow() {
        ExpiryDecision.Verdict verdict = decision.decide(Optional.empty(), TaskStatus.ENDED, ENDED);

        assertThat(verdict.action()).isEqualTo(Action.MARK_ENDED);
        assertThat(verdict.reason()).contains("from now");
    }

    @Test
    void aRunningTaskIsKeptAndAnUnknownFolderIsLeftAlone() {
        assertThat(decision.decide(Optional.empty(), TaskStatus.NOT_ENDED, ENDED).action()).isEqualTo(Action.KEEP);
        assertThat(decision.decide(Optional.empty(), TaskStatus.UNKNOWN, ENDED).action()).isEqualTo(Action.LEAVE);
    }

    @Test
    void anUnreadableMarkerIsLeftForAHumanRatherThanDeleted() {
        assertThat(decision.decide(Optional.of(""), TaskStatus.ENDED, ENDED.plus(Duration.ofDays(30))).action()).isEqualTo(Action.LEAVE);
        assertThat(decision.decide(Optional.of("yesterday"), TaskStatus.ENDED, ENDED.plus(Duration.ofDays(30))).reason())
                .contains("unreadable end marker 'yesterday'");
    }

    @Test
    void retentionMustBePositive() {
        assertThatThrownBy(() -> new ExpiryDecision(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
