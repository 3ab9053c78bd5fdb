package io.atq.contracts.names;

import io.atq.contracts.tasks.TaskId;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where things live in the folder every Swarm node mounts ({@code sharedPath}): gateways write bundles and serve
 * evidence, directors write evidence and mount bundles, so both read the layout from here.
 * <pre>
 * &lt;sharedPath&gt;/tasks/&lt;task id&gt;/         one task's evidence: see {@link TaskFolderLayout}
 * &lt;sharedPath&gt;/bundles/&lt;bundle id&gt;/     one test-data bundle, placed complete by a gateway
 * &lt;sharedPath&gt;/bundles/&lt;bundle id&gt;/content/  its extracted files, mounted read-only at /atq/data
 * </pre>
 * Ids must have been checked before they get here (a task id is a UUID, a bundle id a SHA-256): this class only joins
 * names, it does not guard against {@code ..}.
 *
 * @param root the shared folder
 */
public record SharedFolderLayout(Path root) {
    /** The folder of all task folders, under the root. */
    public static final String TASKS = "tasks";
    /** The folder of all bundles, under the root. */
    public static final String BUNDLES = "bundles";
    /** The extracted files inside a bundle's folder. */
    public static final String BUNDLE_CONTENT = "content";

    public SharedFolderLayout {
        Objects.requireNonNull(root, "root");
    }

    /** {@code <root>/tasks}. */
    public Path tasks() {
        return root.resolve(TASKS);
    }

    /** {@code <root>/tasks/<taskId>}: the task's folder. */
    public Path task(TaskId taskId) {
        return tasks().resolve(taskId.value());
    }

    /** {@code <root>/bundles}. */
    public Path bundles() {
        return root.resolve(BUNDLES);
    }

    /** {@code <root>/bundles/<bundleId>}: the bundle's folder. */
    public Path bundle(String bundleId) {
        return bundles().resolve(bundleId);
    }

    /** {@code <root>/bundles/<bundleId>/content}: the bundle's files. */
    public Path bundleContent(String bundleId) {
        return bundle(bundleId).resolve(BUNDLE_CONTENT);
    }
}
