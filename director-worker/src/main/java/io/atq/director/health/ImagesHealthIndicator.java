package io.atq.director.health;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ImageRule;
import io.atq.contracts.images.ImageReference;
import io.atq.director.swarm.SwarmClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** UP when every whitelisted image and the probe image exist on this node; otherwise lists the missing ones. */
public final class ImagesHealthIndicator extends AbstractHealthIndicator {
    private final SwarmClient swarm;
    private final AtqConfig config;
    private final String probeImage;

    public ImagesHealthIndicator(SwarmClient swarm, AtqConfig config) {
        super("cannot inspect the local images");
        this.swarm = swarm;
        this.config = config;
        this.probeImage = ImageReference.parse(config.probeImage()).familiar();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Set<String> images = new LinkedHashSet<>();
        config.images().stream().map(ImageRule::reference).map(ImageReference::familiar).forEach(images::add);
        images.add(probeImage);
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            if (!swarm.hasImage(image)) {
                missing.add(image);
            }
        }
        builder.withDetail("images", images).withDetail("missing", missing);
        if (missing.isEmpty()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
