package io.atq.contracts.config;

import io.atq.contracts.validation.ImageReference;

import java.util.List;
import java.util.Optional;

/**
 * One whitelisted image and the args it accepts.
 *
 * @param imageName the reference as written in the configuration
 * @param reference the same, normalised
 * @param args      the declared args
 */
public record ImageRule(String imageName, ImageReference reference, List<ArgRule> args) {
    public ImageRule {
        args = List.copyOf(args);
    }

    /** The declared arg of that name, if any. */
    public Optional<ArgRule> arg(String name) {
        return args.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
