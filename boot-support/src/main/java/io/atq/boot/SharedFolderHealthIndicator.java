package io.atq.boot;

import io.atq.contracts.runtime.SharedFolderCheck;
import io.atq.contracts.runtime.SharedFolderState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.nio.file.Path;

/**
 * {@code sharedFolder} health: DOWN when the shared folder (tasks' evidence, bundles) is missing, not writable, or has
 * less than {@code evidence.minFreeSpace} free. Spring's {@code diskSpace} watches the working directory only. (While
 * it is DOWN a director also takes no requests: its readiness check reads the same {@link SharedFolderCheck}.)
 */
public final class SharedFolderHealthIndicator extends AbstractHealthIndicator {
    private final Path folder;
    private final long minFreeBytes;

    public SharedFolderHealthIndicator(Path folder, long minFreeBytes) {
        super("cannot check the shared folder");
        this.folder = folder;
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SharedFolderState state = SharedFolderCheck.check(folder, minFreeBytes);
        (state.ready() ? builder.up() : builder.down()).withDetails(state.details());
    }
}
