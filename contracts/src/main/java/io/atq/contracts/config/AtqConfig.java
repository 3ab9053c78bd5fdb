package io.atq.contracts.config;

import io.atq.contracts.images.ImageReference;
import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.names.SharedFolderLayout;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The YAML configuration shared by gateways and directors (see {@link ConfigLoader}).
 *
 * @param source     where it was read from (a path, or {@code classpath:…} for the embedded default)
 * @param port       the gateway's HTTP port (SERVER_PORT / --server.port override it)
 * @param sharedPath folder shared by all Swarm nodes: task folders and bundles, laid out as {@link SharedFolderLayout} says
 * @param pullImages whether directors pull every whitelisted image at start-up (false: local images only)
 * @param probeImage image of the discovery probe (needs busybox's {@code sh}, {@code nc}, {@code tr}, {@code sleep}, {@code true})
 * @param limits     bounds on requests
 * @param images     the whitelist
 * @param clients    the API clients (bearer tokens by hash); empty: nobody can call the gateway
 * @param webhooks   callback delivery settings
 * @param bundles    test-data bundle limits
 * @param evidence   what is kept after a task and for how long
 * @param capacity   how much runs at once
 * @param registryAuth credentials for every registry image without its own, and for the probe image; null: none
 */
public record AtqConfig(String source, int port, Path sharedPath, boolean pullImages, String probeImage,
                        Limits limits, List<ImageRule> images, List<ClientConfig> clients, WebhookSettings webhooks,
                        BundleSettings bundles, EvidenceSettings evidence, CapacitySettings capacity,
                        @Nullable RegistryAuth registryAuth) {
    public AtqConfig {
        images = List.copyOf(images);
        clients = List.copyOf(clients);
        webhooks = webhooks == null ? WebhookSettings.DEFAULT : webhooks;
        bundles = bundles == null ? BundleSettings.DEFAULT : bundles;
        evidence = evidence == null ? EvidenceSettings.DEFAULT : evidence;
        capacity = capacity == null ? CapacitySettings.DEFAULT : capacity;
    }

    /** A configuration without registry credentials. */
    public AtqConfig(String source, int port, Path sharedPath, boolean pullImages, String probeImage,
                     Limits limits, List<ImageRule> images, List<ClientConfig> clients, WebhookSettings webhooks,
                     BundleSettings bundles, EvidenceSettings evidence, CapacitySettings capacity) {
        this(source, port, sharedPath, pullImages, probeImage, limits, images, clients, webhooks, bundles, evidence, capacity, null);
    }

    /** A configuration with no clients and default webhook, bundle, evidence and capacity settings. */
    public AtqConfig(String source, int port, Path sharedPath, boolean pullImages, String probeImage,
                     Limits limits, List<ImageRule> images) {
        this(source, port, sharedPath, pullImages, probeImage, limits, images, List.of(), WebhookSettings.DEFAULT,
                BundleSettings.DEFAULT, EvidenceSettings.DEFAULT, CapacitySettings.DEFAULT);
    }

    /** The whitelist rule admitting this requested reference, if any. */
    public Optional<ImageRule> ruleFor(ImageReference requested) {
        return images.stream().filter(rule -> rule.reference().admits(requested)).findFirst();
    }

    /** The container limits for this requested image: its rule's, or {@code limits.defaultResources} (e.g. the probe). */
    public Resources resourcesFor(ImageReference requested) {
        return ruleFor(requested).map(ImageRule::resources).orElse(limits.defaultResources());
    }

    /** How the probe image reaches the nodes: as its reference says ({@link ImageDistribution#byDefault}). */
    public ImageDistribution probeDistribution() {
        return ImageDistribution.byDefault(ImageReference.parse(probeImage));
    }

    /** Where task folders and bundles are under {@link #sharedPath}. */
    public SharedFolderLayout sharedFolder() {
        return new SharedFolderLayout(sharedPath);
    }

    /** The client with this id, if configured. */
    public Optional<ClientConfig> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
