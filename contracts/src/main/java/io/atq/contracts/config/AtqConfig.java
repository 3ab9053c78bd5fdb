package io.atq.contracts.config;

import io.atq.contracts.validation.ImageReference;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The YAML configuration shared by gateways and directors (see {@link ConfigLoader}).
 *
 * @param source     where it was read from (a path, or {@code classpath:…} for the embedded default)
 * @param port       the gateway's HTTP port (SERVER_PORT / --server.port override it)
 * @param sharedPath folder shared by all Swarm nodes; task folders and logs live under {@code tasks/<id>/}
 * @param pullImages whether directors pull every whitelisted image at start-up (false: local images only)
 * @param probeImage image of the discovery probe (needs {@code sh}, {@code nslookup}, {@code nc})
 * @param limits     bounds on requests
 * @param images     the whitelist
 */
public record AtqConfig(String source, int port, Path sharedPath, boolean pullImages, String probeImage,
                        Limits limits, List<ImageRule> images) {
    public AtqConfig {
        images = List.copyOf(images);
    }

    /** The whitelist rule admitting this requested reference, if any. */
    public Optional<ImageRule> ruleFor(ImageReference requested) {
        return images.stream().filter(rule -> rule.reference().admits(requested)).findFirst();
    }

    /** The container limits for this requested image: its rule's, or {@code limits.defaultResources} (e.g. the probe). */
    public Resources resourcesFor(ImageReference requested) {
        return ruleFor(requested).map(ImageRule::resources).orElse(limits.defaultResources());
    }

    /** The folder of one task under {@link #sharedPath}. */
    public Path taskFolder(String taskId) {
        return sharedPath.resolve("tasks").resolve(taskId);
    }
}
