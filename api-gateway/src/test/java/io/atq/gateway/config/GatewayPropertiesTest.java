package io.atq.gateway.config;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Start-up validation of {@code atq.*}: a bad value names the property and the allowed range. */
class GatewayPropertiesTest {

    @Test
    void acceptsTheDefaults() {
        assertThatNoException().isThrownBy(() -> new GatewayProperties(null, "atq", defaults()));
    }

    @Test
    void refusesAnInstanceNameThatCannotBeALabelValue() {
        assertThatThrownBy(() -> new GatewayProperties(null, "ATQ prod", defaults()))
                .hasMessageContaining("atq.instance").hasMessageContaining("'ATQ prod'");
    }

    @Test
    void refusesAPublishTimeoutOutsideItsRange() {
        assertThatThrownBy(() -> new GatewayProperties.Gateway(Duration.ofMinutes(5), Duration.ofSeconds(5),
                DataSize.ofKilobytes(64), Duration.ofSeconds(15), 200, Duration.ofSeconds(1), 10))
                .hasMessage("atq.gateway.publish-timeout must be between PT0.1S and PT1M, was PT5M");
    }

    @Test
    void refusesARequestSizeLimitOutsideItsRange() {
        assertThatThrownBy(() -> new GatewayProperties.Gateway(Duration.ofSeconds(5), Duration.ofSeconds(5),
                DataSize.ofMegabytes(10), Duration.ofSeconds(15), 200, Duration.ofSeconds(1), 10))
                .hasMessageContaining("atq.gateway.max-request-size must be between 1KB and 1MB");
    }

    @Test
    void refusesAZeroPrefetchBecauseStreamsRequireOne() {
        assertThatThrownBy(() -> new GatewayProperties.Gateway(Duration.ofSeconds(5), Duration.ofSeconds(5),
                DataSize.ofKilobytes(64), Duration.ofSeconds(15), 0, Duration.ofSeconds(1), 10))
                .hasMessageContaining("atq.gateway.stream-prefetch must be between 1 and 10000, was 0");
    }

    private static GatewayProperties.Gateway defaults() {
        return new GatewayProperties.Gateway(Duration.ofSeconds(5), Duration.ofSeconds(5), DataSize.ofKilobytes(64),
                Duration.ofSeconds(15), 200, Duration.ofSeconds(1), 10_000);
    }
}
