package io.atq.contracts.messages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task's master, started once every worker is reachable.
 *
 * @param image a whitelisted image reference
 * @param args  environment variables, declared for this image in the whitelist
 */
public record MasterSpec(String image, Map<String, String> args) {
    public MasterSpec {
        // Keeps order (stable container env) and null values, which the validator reports by field.
        args = args == null || args.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }
}
