package io.atq.director.config;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The log cap and the results' summary budget are validated at start-up, naming the property and its range. */
class EvidencePropertiesTest {

    @Test
    void acceptsACapWithinItsRange() {
        assertThat(new EvidenceProperties(Duration.ofMinutes(1), DataSize.ofMegabytes(8), Duration.ofMinutes(2)).maxLogSize().toBytes())
                .isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void rejectsACapOutsideItsRangeNamingThePropertyAndTheRange() {
        for (DataSize bad : new DataSize[] {DataSize.ofKilobytes(1), DataSize.ofGigabytes(65), null}) {
            assertThatThrownBy(() -> new EvidenceProperties(Duration.ofMinutes(1), bad, Duration.ofMinutes(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("atq.director.evidence.max-log-size must be between 64KB and 64GB");
        }
    }

    @Test
    void rejectsASummaryBudgetOutsideItsRangeNamingThePropertyAndTheRange() {
        for (Duration bad : new Duration[] {Duration.ofMillis(500), Duration.ofHours(2), null}) {
            assertThatThrownBy(() -> new EvidenceProperties(Duration.ofMinutes(1), DataSize.ofMegabytes(8), bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("atq.director.evidence.summary-budget must be between PT1S and PT1H");
        }
    }
}
