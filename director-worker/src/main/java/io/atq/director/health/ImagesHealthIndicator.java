package io.atq.director.health;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ImageDistribution;
import io.atq.contracts.config.ImageRule;
import io.atq.contracts.images.ImageReference;
import io.atq.director.swarm.SwarmClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every whitelisted image and the probe image with its distribution ({@code registry} or {@code local}); UP when every
 * {@code local} one exists on this node, otherwise DOWN listing the missing ones. A {@code registry} image is not
 * looked for: the node that runs it pulls it by digest, and a registry outage fails the tasks that need it (as
 * INFRA, naming the registry's error) rather than marking this director unhealthy, which would make an orchestrator
 * restart it for nothing.
 */
public final class ImagesHealthIndicator extends AbstractHealthIndicator {
    private final SwarmClient swarm;
    /** Each image's short form and its distribution, whitelist first, then the probe. */
    private final Map<String, ImageDistribution> images = new LinkedHashMap<>();

    public ImagesHealthIndicator(SwarmClient swarm, AtqConfig config) {
        super("cannot inspect the local images");
        this.swarm = swarm;
        for (ImageRule rule : config.images()) {
            images.putIfAbsent(rule.reference().familiar(), rule.distribution());
        }
        images.putIfAbsent(ImageReference.parse(config.probeImage()).familiar(), config.probeDistribution());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> missing = new ArrayList<>();
        Map<String, String> distribution = new LinkedHashMap<>();
        images.forEach((image, how) -> {
            distribution.put(image, how.label());
            if (how == ImageDistribution.LOCAL && !swarm.hasImage(image)) {
                missing.add(image);
            }
        });
        builder.withDetail("images", List.copyOf(images.keySet())).withDetail("distribution", distribution).withDetail("missing", missing);
        if (missing.isEmpty()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
