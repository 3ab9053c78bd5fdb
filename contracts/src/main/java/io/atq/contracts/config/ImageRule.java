package io.atq.contracts.config;

import io.atq.contracts.images.ImageReference;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * One whitelisted image and the args it accepts.
 *
 * @param imageName the reference as written in the configuration
 * @param reference the same, normalised
 * @param args      the declared args
 * @param resources the limits of its containers: its own {@code resources} over {@code limits.defaultResources}
 * @param placement where its containers may run
 * @param distribution how its containers get the image (the configuration's {@code distribution}, else
 *                     {@link ImageDistribution#byDefault by its reference})
 * @param registryAuth the credentials for its registry (its own {@code registryAuth}, else the configuration's), or
 *                     null: the registry is asked anonymously
 */
public record ImageRule(String imageName, ImageReference reference, List<ArgRule> args, Resources resources,
                        Placement placement, ImageDistribution distribution, @Nullable RegistryAuth registryAuth) {
    public ImageRule {
        args = List.copyOf(args);
        resources = resources == null ? Resources.DEFAULT : resources;
        placement = placement == null ? Placement.ANYWHERE : placement;
        distribution = distribution == null ? ImageDistribution.byDefault(reference) : distribution;
    }

    /** A rule distributed as its reference says by default, with no registry credentials. */
    public ImageRule(String imageName, ImageReference reference, List<ArgRule> args, Resources resources, Placement placement) {
        this(imageName, reference, args, resources, placement, ImageDistribution.byDefault(reference), null);
    }

    /** A rule with no placement rules. */
    public ImageRule(String imageName, ImageReference reference, List<ArgRule> args, Resources resources) {
        this(imageName, reference, args, resources, Placement.ANYWHERE);
    }

    /** A rule whose containers get the built-in default resources. */
    public ImageRule(String imageName, ImageReference reference, List<ArgRule> args) {
        this(imageName, reference, args, Resources.DEFAULT, Placement.ANYWHERE);
    }

    /** The declared arg of that name, if any. */
    public Optional<ArgRule> arg(String name) {
        return args.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Whether the arg of that name is declared {@code secret: true}. */
    public boolean isSecret(String name) {
        return arg(name).map(ArgRule::secret).orElse(false);
    }
}
