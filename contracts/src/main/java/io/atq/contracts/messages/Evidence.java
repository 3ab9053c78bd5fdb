package io.atq.contracts.messages;

import java.util.List;

/**
 * Whether a task's evidence (every role's log, the end marker) was kept whole, as the director that ended it saw it.
 * Carried by the terminal {@link TaskPhaseChanged}; it never changes the verdict: a test that passed still succeeded,
 * and this says what is missing of its evidence.
 *
 * @param complete whether every log was written in full
 * @param problems what is missing and why, one sentence each (e.g. {@code master.log: cannot write: No space left on
 *                 device}, {@code master.log: truncated at 67108864 bytes, 1200 bytes in 20 lines left out}); empty
 *                 when complete
 */
public record Evidence(boolean complete, List<String> problems) {
    /** Nothing is missing. */
    public static final Evidence COMPLETE = new Evidence(true, List.of());

    public Evidence {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** Complete exactly when there is no problem. */
    public static Evidence of(List<String> problems) {
        return problems.isEmpty() ? COMPLETE : new Evidence(false, problems);
    }
}
