package io.atq.contracts.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The keep-alive setting is switched on unless an operator set it; an explicit "off" is kept and reported. */
class KeepAliveReadsTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(KeepAliveReads.PROPERTY);
        System.clearProperty(KeepAliveReads.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(KeepAliveReads.PROPERTY);
        } else {
            System.setProperty(KeepAliveReads.PROPERTY, before);
        }
    }

    @Test
    void anUnsetPropertyIsSwitchedOnWithoutAWarning() {
        assertThat(KeepAliveReads.enable()).isEmpty();
        assertThat(System.getProperty(KeepAliveReads.PROPERTY)).isEqualTo("true");
    }

    @Test
    void anExplicitTrueIsKeptQuietly() {
        System.setProperty(KeepAliveReads.PROPERTY, "TRUE");
        assertThat(KeepAliveReads.enable()).isEmpty();
        assertThat(System.getProperty(KeepAliveReads.PROPERTY)).isEqualTo("TRUE");
    }

    @Test
    void anExplicitFalseIsKeptAndNamedInTheWarning() {
        System.setProperty(KeepAliveReads.PROPERTY, "false");
        assertThat(KeepAliveReads.enable()).hasValueSatisfying(warning -> assertThat(warning)
                .contains(KeepAliveReads.PROPERTY + "=false").contains("keep-alive"));
        assertThat(System.getProperty(KeepAliveReads.PROPERTY)).isEqualTo("false");
    }
}
