package io.atq.director.config;

import io.atq.contracts.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad shared YAML into Spring Boot's short "APPLICATION FAILED TO START" report instead of a bean-creation stack. */
public final class ConfigExceptionFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis("The ATQ configuration is invalid: " + cause.getMessage(),
                "Fix " + cause.getSource() + (cause.getLine() > 0 ? " at line " + cause.getLine() : "")
                        + ", or point ATQ_CONFIG (atq.config) at another file; unset, the embedded default is used.",
                cause);
    }
}
