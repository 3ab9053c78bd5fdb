package io.atq.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sharedFolder} health follows the contracts' shared folder check, with its details. */
class SharedFolderHealthIndicatorTest {

    @Test
    void isUpForAWritableFolderWithRoom(@TempDir Path folder) {
        Health health = new SharedFolderHealthIndicator(folder, 0).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("path", folder.toString()).containsEntry("writable", true)
                .doesNotContainKey("problem");
    }

    @Test
    void isDownWithTheProblemForAMissingFolder(@TempDir Path parent) {
        Path missing = parent.resolve("not-there");

        Health health = new SharedFolderHealthIndicator(missing, 0).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("problem"))).contains(missing.toString());
    }

    @Test
    void isDownWhenLessThanTheMinimumIsFree(@TempDir Path folder) {
        Health health = new SharedFolderHealthIndicator(folder, Long.MAX_VALUE).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("minFree", Long.MAX_VALUE);
    }
}
