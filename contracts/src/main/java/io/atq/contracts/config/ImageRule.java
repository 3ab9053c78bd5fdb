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
 * @param resources the limits of its containers: its own {@code resources} over {@code limits.defaultResources}
 */
public record ImageRule(String imageName, ImageReference reference, List<ArgRule> args, Resources resources) {
    public ImageRule {
        args = List.copyOf(args);
        resources = resources == null ? Resources.DEFAULT : resources;
    }

    /** A rule whose containers get the built-in default resources. */
    public ImageRule(String imageName, ImageReference reference, List<ArgRule> args) {
        this(imageName, reference, args, Resources.DEFAULT);
    }

    /** The declared arg of that name, if any. */
    public Optional<ArgRule> arg(String name) {
        return args.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
