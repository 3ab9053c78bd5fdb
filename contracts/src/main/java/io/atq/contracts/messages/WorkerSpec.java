package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task's workers.
 *
 * @param image    a whitelisted image reference
 * @param replicas how many worker containers
 * @param args     environment variables, declared for this image in the whitelist
 * @param port     the TCP port discovery must reach on every worker before the master starts; {@code null}: DNS only
 */
public record WorkerSpec(String image, int replicas, Map<String, String> args, @Nullable Integer port) {
    public WorkerSpec {
        // Keeps order (stable container env) and null values, which the validator reports by field.
        args = args == null || args.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }
}
