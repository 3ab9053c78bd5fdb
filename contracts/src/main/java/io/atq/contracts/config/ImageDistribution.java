package io.atq.contracts.config;

import io.atq.contracts.images.ImageReference;

import java.util.Locale;
import java.util.Optional;

/**
 * How a whitelisted image reaches the nodes that run it: the configuration's {@code distribution} of an image, by
 * default {@link #byDefault from its reference}.
 */
public enum ImageDistribution {
    /**
     * From its registry, by repository digest: a director resolves the tag to the manifest digest the registry serves
     * once per task, when provisioning it, and creates the task's services with {@code repo@sha256:…}; every node runs
     * those bits and pulls them when it lacks them, and a tag moved later does not change a running task.
     */
    REGISTRY,
    /**
     * From the director's own node, by local image id ({@code sha256:…}): the image must be loaded there beforehand,
     * and only nodes that have that very id can run it (a single-node swarm, or images loaded on every node).
     */
    LOCAL;

    /** The name in the configuration and the API ({@code registry}, {@code local}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The distribution of that label, if it is one. */
    public static Optional<ImageDistribution> ofLabel(String label) {
        for (ImageDistribution distribution : values()) {
            if (distribution.label().equals(label)) {
                return Optional.of(distribution);
            }
        }
        return Optional.empty();
    }

    /**
     * The distribution of an image the configuration says nothing about: {@link #REGISTRY} when its reference names a
     * registry host ({@code 127.0.0.1:5000/atq/demo-worker:1}, {@code registry.example.com/x:1}), {@link #LOCAL} when it
     * does not ({@code atq/demo-worker:1}, {@code docker.io/…}: Docker Hub is never assumed, so an image that only
     * exists locally under a short name keeps working).
     */
    public static ImageDistribution byDefault(ImageReference reference) {
        return reference.domain().equals(ImageReference.DEFAULT_DOMAIN) ? LOCAL : REGISTRY;
    }
}
