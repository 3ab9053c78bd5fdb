package io.atq.contracts.names;

import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.Limits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared folder's layout is an on-disk contract between gateways and directors of any version sharing one folder:
 * these are the paths they already use.
 */
class SharedFolderLayoutTest {
    private static final Path ROOT = Path.of("/mnt/atq-shared");
    private static final TaskId TASK = TaskId.parse("7f9c0d2e-1111-4222-8333-444455556666");
    private static final String BUNDLE = "ab".repeat(32);

    private final SharedFolderLayout layout = new SharedFolderLayout(ROOT);

    @Test
    void taskFoldersAreUnderTasks() {
        assertThat(layout.tasks()).isEqualTo(Path.of("/mnt/atq-shared/tasks"));
        assertThat(layout.task(TASK)).isEqualTo(Path.of("/mnt/atq-shared/tasks/" + TASK));
        assertThat(layout.task(TASK).resolve(TaskFolderLayout.MASTER_LOG)).isEqualTo(Path.of("/mnt/atq-shared/tasks/" + TASK + "/master.log"));
    }

    @Test
    void bundlesKeepTheirFilesInContent() {
        assertThat(layout.bundles()).isEqualTo(Path.of("/mnt/atq-shared/bundles"));
        assertThat(layout.bundle(BUNDLE)).isEqualTo(Path.of("/mnt/atq-shared/bundles/" + BUNDLE));
        assertThat(layout.bundleContent(BUNDLE)).isEqualTo(Path.of("/mnt/atq-shared/bundles/" + BUNDLE + "/content"))
                .isEqualTo(layout.bundle(BUNDLE).resolve(SharedFolderLayout.BUNDLE_CONTENT));
    }

    @Test
    void tasksAndBundlesNeverShareAFolder() {
        assertThat(layout.task(TASK).startsWith(layout.bundles())).isFalse();
        assertThat(layout.bundle(TASK.value()).startsWith(layout.tasks())).isFalse();
    }

    @Test
    void theConfigurationsSharedPathIsTheRoot() {
        AtqConfig config = new AtqConfig("test", 8080, ROOT, false, "atq/probe:1", new Limits(10, java.time.Duration.ofMinutes(30)), List.of());
        assertThat(config.sharedFolder()).isEqualTo(layout);
        assertThat(config.sharedFolder().root()).isEqualTo(config.sharedPath());
    }

    @Test
    void aLayoutNeedsARoot() {
        assertThatThrownBy(() -> new SharedFolderLayout(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("root");
    }
}
