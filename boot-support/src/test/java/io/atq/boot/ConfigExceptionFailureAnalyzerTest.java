package io.atq.boot;

import io.atq.contracts.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A broken ATQ YAML, reported as Boot's short failure analysis wherever in the bean creation it surfaced. */
class ConfigExceptionFailureAnalyzerTest {
    private final ConfigExceptionFailureAnalyzer analyzer = new ConfigExceptionFailureAnalyzer();

    @Test
    void namesTheFileLineFieldAndProblemAndSaysWhatToFix() {
        ConfigException broken = new ConfigException("/etc/atq.yaml", 12, "images[0].repository", "must not be empty");

        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("atqConfig", "failed", broken));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("The ATQ configuration is invalid: /etc/atq.yaml:12: images[0].repository: must not be empty");
        assertThat(analysis.getAction()).startsWith("Fix /etc/atq.yaml at line 12,").contains("ATQ_CONFIG");
        assertThat(analysis.getCause()).isSameAs(broken);
    }

    @Test
    void leavesTheLineOutWhenItIsUnknown() {
        FailureAnalysis analysis = analyzer.analyze(new ConfigException("/etc/atq.yaml", 0, null, "cannot read: no such file"));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction()).startsWith("Fix /etc/atq.yaml, or point ATQ_CONFIG");
    }

    @Test
    void isRegisteredForEveryAppThatHasThisModule() throws IOException {
        List<String> analyzers = new ArrayList<>();
        for (URL factories : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            Properties properties = new Properties();
            try (InputStream in = factories.openStream()) {
                properties.load(in);
            }
            analyzers.addAll(List.of(properties.getProperty(FailureAnalyzer.class.getName(), "").split(",")));
        }

        assertThat(analyzers).contains(ConfigExceptionFailureAnalyzer.class.getName());
    }

    @Test
    void analysesNothingElse() {
        assertThat(analyzer.analyze(new IllegalStateException("not a config problem"))).isNull();
    }
}
