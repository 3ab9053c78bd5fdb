package io.atq.director.readiness;

import io.atq.contracts.config.ImageDistribution;
import io.atq.contracts.runtime.SharedFolderCheck;
import io.atq.contracts.runtime.SharedFolderState;
import io.atq.contracts.images.ImageReference;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.swarm.SwarmClient;
import io.atq.director.swarm.SwarmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Looks whether the probe image is on this node (unless it comes from a registry: then the node that runs the probe
 * pulls it) and the shared folder takes evidence, and tells the
 * {@link IntakeSwitch} (see {@link RunReadiness}). Runs once at start-up, before the director takes anything, then
 * periodically, so intake stops while the folder is full and resumes once space is back.
 */
public final class CheckRunReadiness implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CheckRunReadiness.class);

    private final SwarmClient swarm;
    private final IntakeSwitch intakeSwitch;
    private final String probeImage;
    private final boolean probeFromRegistry;
    private final Path sharedPath;
    private final long minFreeBytes;

    public CheckRunReadiness(SwarmClient swarm, IntakeSwitch intakeSwitch, String probeImage, Path sharedPath, long minFreeBytes) {
        this.swarm = swarm;
        this.intakeSwitch = intakeSwitch;
        ImageReference probe = ImageReference.parse(probeImage);
        this.probeImage = probe.familiar();
        this.probeFromRegistry = ImageDistribution.byDefault(probe) == ImageDistribution.REGISTRY;
        this.sharedPath = sharedPath;
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    public void run() {
        try {
            SharedFolderState folder = SharedFolderCheck.check(sharedPath, minFreeBytes);
            intakeSwitch.unready(RunReadiness.unreadyReason(probeImage, probeImage(), folder));
        } catch (RuntimeException e) {
            // A periodic check must survive anything; the next pass looks again.
            log.warn("cannot check whether this director can run tasks: {}", e.toString());
        }
    }

    private RunReadiness.ImagePresence probeImage() {
        if (probeFromRegistry) {
            return RunReadiness.ImagePresence.UNKNOWN;
        }
        try {
            return swarm.hasImage(probeImage) ? RunReadiness.ImagePresence.PRESENT : RunReadiness.ImagePresence.MISSING;
        } catch (SwarmException e) {
            log.debug("probe image not checked (Docker: {})", e.getMessage());
            return RunReadiness.ImagePresence.UNKNOWN;
        }
    }
}
