package io.atq.contracts.phase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.atq.contracts.phase.Phase.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhaseTransitionTableTest {

    /** The happy path, in order. */
    private static final List<Phase> FORWARD = List.of(QUEUED, PROVISIONING, STARTING_WORKERS, DISCOVERING,
            STARTING_MASTER, RUNNING, COLLECTING, SUCCEEDED);
    private static final Set<Phase> ABORTS = Set.of(FAILED, TIMED_OUT, CANCELLED);

    /** The expected answer for a pair, written independently of the table under test. */
    private static boolean expected(Phase from, Phase to) {
        if (from.isTerminal()) {
            return false;
        }
        int i = FORWARD.indexOf(from);
        return ABORTS.contains(to) || (i >= 0 && i + 1 < FORWARD.size() && FORWARD.get(i + 1) == to);
    }

    static Stream<Arguments> everyPair() {
        return Arrays.stream(Phase.values())
                .flatMap(from -> Arrays.stream(Phase.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void allowsExactlyTheDocumentedMoves(Phase from, Phase to) {
        assertThat(from.canMoveTo(to)).isEqualTo(expected(from, to));
        if (expected(from, to)) {
            assertThat(from.requireTransition(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.requireTransition(to))
                    .isInstanceOf(IllegalPhaseTransitionException.class)
                    .satisfies(e -> {
                        IllegalPhaseTransitionException illegal = (IllegalPhaseTransitionException) e;
                        assertThat(illegal.getFrom()).isEqualTo(from);
                        assertThat(illegal.getTo()).isEqualTo(to);
                    })
                    .hasMessageContaining(from + " to " + to);
        }
    }

    @Test
    void terminalPhasesAreExactlyTheFourVerdicts() {
        assertThat(Phase.terminal()).containsExactlyInAnyOrder(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED);
        for (Phase phase : Phase.values()) {
            assertThat(phase.next().isEmpty()).as(phase + " has no way out").isEqualTo(phase.isTerminal());
        }
    }

    @Test
    void noPhaseMovesToItself() {
        for (Phase phase : Phase.values()) {
            assertThat(phase.canMoveTo(phase)).as(phase.name()).isFalse();
        }
    }

    @Test
    void succeededIsReachableOnlyFromCollecting() {
        assertThat(Arrays.stream(Phase.values()).filter(p -> p.canMoveTo(SUCCEEDED))).containsExactly(COLLECTING);
    }

    @Test
    void everyNonTerminalPhaseCanBeCancelledFailedOrTimedOut() {
        Arrays.stream(Phase.values()).filter(p -> !p.isTerminal())
                .forEach(p -> assertThat(p.next()).as(p.name()).containsAll(ABORTS));
    }
}
