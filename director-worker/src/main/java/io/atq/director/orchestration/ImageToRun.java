package io.atq.director.orchestration;

import io.atq.contracts.config.RegistryAuth;
import io.atq.contracts.images.ImageReference;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * One image of a task as its services are created with it, fixed once when the task is provisioned: a later move of
 * the tag (a new push) or a newly loaded image does not change what the task runs.
 *
 * @param reference    a local image id ({@code sha256:…}), or a reference pinned to a manifest digest
 *                     ({@code repo@sha256:…}) that every node runs as the same bits and pulls when it lacks them; also
 *                     what the task records as the image it ran
 * @param registryAuth the login nodes pull it with, or null (anonymous, or a local image)
 */
record ImageToRun(String reference, @Nullable RegistryAuth registryAuth) {
    ImageToRun {
        Objects.requireNonNull(reference, "reference");
    }

    /** An image by its id on this node. */
    static ImageToRun local(String imageId) {
        return new ImageToRun(imageId, null);
    }

    /** An image from its registry, pinned to {@code repo@sha256:…}. */
    static ImageToRun fromRegistry(String pinnedReference, @Nullable RegistryAuth registryAuth) {
        return new ImageToRun(pinnedReference, registryAuth);
    }

    /**
     * What a failure message adds when a replica of this image ended with {@code error}: Swarm reports a registry image
     * its node could not pull as {@code "No such image: repo@sha256:…"} (Docker 20.10), the same text whether the
     * registry refused the login, could not be reached or lacks the digest; the node's engine logs nothing more. Empty
     * for any other error and for a local image.
     */
    String pullHint(@Nullable String error) {
        if (error == null || !error.startsWith("No such image") || !reference.contains("@")) {
            return "";
        }
        String registry = ImageReference.parse(reference).domain();
        return registryAuth == null
                ? " (the node could not pull it from registry " + registry + " without a login: Swarm says this when the registry"
                + " wants a login (registryAuth), cannot be reached from the node, or lacks the digest)"
                : " (the node could not pull it from registry " + registry + " as user '" + registryAuth.username()
                + "' (registryAuth): Swarm says this when the registry refused the login, cannot be reached from the node, or"
                + " lacks the digest)";
    }
}
