package io.atq.director.orchestration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeOutputTest {

    @Test
    void readsTheAddressesOfTheProbesFinalLine() {
        // A real probe log from this machine (3 workers, port 8080).
        String log = "ATQ-REACHABLE 0 of 3, waiting for 10.0.1.2 port 8080\nATQ-REACHABLE 3 of 3\nATQ-ADDRESSES 10.0.1.2,10.0.1.3,10.0.1.4\n";

        assertThat(ProbeOutput.addresses(log)).hasValue(java.util.List.of("10.0.1.2", "10.0.1.3", "10.0.1.4"));
    }

    @Test
    void toleratesProgressLinesAndALogPrefix() {
        String log = "ATQ-REACHABLE 0 of 2\r\nATQ-REACHABLE 1 of 2\nprobe.1.xyz@node    | ATQ-ADDRESSES 10.0.5.7,10.0.5.9\n";

        assertThat(ProbeOutput.addresses(log)).hasValue(java.util.List.of("10.0.5.7", "10.0.5.9"));
    }

    @Test
    void takesTheLastAddressesLineAndDropsDuplicates() {
        String log = "ATQ-ADDRESSES 10.0.0.1\nATQ-ADDRESSES 10.0.0.2, 10.0.0.3,10.0.0.2\n";

        assertThat(ProbeOutput.addresses(log)).hasValue(java.util.List.of("10.0.0.2", "10.0.0.3"));
    }

    @Test
    void acceptsIpv6Literals() {
        assertThat(ProbeOutput.addresses("ATQ-ADDRESSES fd00::2,fd00::3")).hasValue(java.util.List.of("fd00::2", "fd00::3"));
    }

    @Test
    void findsNothingWithoutTheMarkerLine() {
        assertThat(ProbeOutput.addresses("ATQ-REACHABLE 2 of 3, waiting for 10.0.1.4 port 8080\n")).isEmpty();
        assertThat(ProbeOutput.addresses("")).isEmpty();
        assertThat(ProbeOutput.addresses(null)).isEmpty();
        assertThat(ProbeOutput.addresses("ATQ-ADDRESSES \n")).isEmpty();
    }

    @Test
    void refusesAnythingButAddressesBecauseTheListGoesIntoTheMastersEnvironment() {
        assertThat(ProbeOutput.addresses("ATQ-ADDRESSES 10.0.0.2,$(reboot)")).isEmpty();
        assertThat(ProbeOutput.addresses("ATQ-ADDRESSES 127.0.0.11:53")).isEmpty();
        assertThat(ProbeOutput.addresses("ATQ-ADDRESSES worker-1")).isEmpty();
    }
}
