package io.atq.boot;

import io.atq.contracts.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a broken ATQ YAML as Spring Boot's short "APPLICATION FAILED TO START" report (file:line: field: problem)
 * instead of a bean-creation stack trace. Registered for every app on the classpath by this module's
 * {@code META-INF/spring.factories}.
 */
public final class ConfigExceptionFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis("The ATQ configuration is invalid: " + cause.getMessage(),
                "Fix " + cause.getSource() + (cause.getLine() > 0 ? " at line " + cause.getLine() : "")
                        + ", or point ATQ_CONFIG (atq.config) at another file; unset, the embedded default is used.",
                cause);
    }
}
