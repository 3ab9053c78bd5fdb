package io.atq.director.readiness;

import io.atq.contracts.runtime.SharedFolderState;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a director can run tasks, from what it found. Pure. A director that cannot stops taking requests:
 * every task it took would end {@code FAILED} (no probe image) or without its logs and results (a full or unwritable
 * shared folder), while another director, or this one once fixed, can run it.
 *
 * <ul>
 *   <li>probe image missing → "probe image X is missing on this node" (every task's discovery runs it);</li>
 *   <li>shared folder missing, unwritable or below {@code evidence.minFreeSpace} → the folder check's own reason;</li>
 *   <li>both → both, joined by "; ";</li>
 *   <li>the probe image unknown (Docker did not answer) → not judged here: Docker outages pause intake on their own.</li>
 * </ul>
 */
public final class RunReadiness {
    private RunReadiness() {
    }

    /** What is known of the probe image: present, missing, or not known (Docker did not answer). */
    public enum ImagePresence { PRESENT, MISSING, UNKNOWN }

    /** Why this director cannot run tasks, or null when it can. */
    public static @Nullable String unreadyReason(String probeImage, ImagePresence probe, SharedFolderState folder) {
        List<String> reasons = new ArrayList<>(2);
        if (probe == ImagePresence.MISSING) {
            reasons.add("probe image " + probeImage + " is missing on this node");
        }
        if (!folder.ready()) {
            reasons.add(folder.problem());
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }
}
