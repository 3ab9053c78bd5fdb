package io.atq.gateway.config;

import io.atq.contracts.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a broken ATQ YAML as one clear line (file:line: field: problem) instead of a bean-creation stack trace. */
public class ConfigExceptionFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis("ATQ configuration error: " + cause.getMessage(),
                "Fix the file named above (ATQ_CONFIG / atq.config), or unset it to use the embedded default.", cause);
    }
}
