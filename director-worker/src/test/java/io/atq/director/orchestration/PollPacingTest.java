package io.atq.director.orchestration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollPacingTest {
    @Test
    void pausesDoubleFromTheFirstUpToTheInterval() {
        assertThat(pauses(PollPacing.upTo(Duration.ofMillis(200)), 7))
                .containsExactly(25L, 50L, 100L, 200L, 200L, 200L, 200L);
    }

    @Test
    void anIntervalThatIsNotADoublingOfTheFirstIsTheCap() {
        assertThat(pauses(PollPacing.upTo(Duration.ofMillis(150)), 5)).containsExactly(25L, 50L, 100L, 150L, 150L);
    }

    @Test
    void anIntervalShorterThanTheFirstPauseIsEveryPause() {
        assertThat(pauses(PollPacing.upTo(Duration.ofMillis(10)), 3)).containsExactly(10L, 10L, 10L);
    }

    @Test
    void aLongWaitPollsAtTheIntervalAfterAFewQuickLooks() {
        PollPacing pacing = PollPacing.upTo(Duration.ofSeconds(1));
        Duration total = Duration.ZERO;
        int looks = 0;
        while (total.compareTo(Duration.ofSeconds(10)) < 0) {
            total = total.plus(pacing.next());
            looks++;
        }
        // 25+50+100+200+400 ms, then 1 s each: 15 looks in 10 s instead of 10 at a fixed second.
        assertThat(looks).isEqualTo(15);
    }

    @Test
    void aPollIntervalMustBePositive() {
        assertThatThrownBy(() -> PollPacing.upTo(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Long> pauses(PollPacing pacing, int count) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            millis.add(pacing.next().toMillis());
        }
        return millis;
    }
}
