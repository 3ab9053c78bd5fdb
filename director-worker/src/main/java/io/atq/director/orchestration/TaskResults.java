package io.atq.director.orchestration;

import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.tasks.TaskId;

import java.util.List;
import java.util.Objects;

/**
 * The results files a task's containers wrote to its {@code results/} folder (the master's own files and every
 * worker's {@code results/workers/<slot>/}), summarized once the master has ended: read, merged, the thresholds
 * checked, and the summary document written to the task folder's
 * {@link io.atq.contracts.names.TaskFolderLayout#RESULTS_SUMMARY results-summary.json}. Never throws: what goes wrong
 * is in the answer.
 */
public interface TaskResults {

    /** Summarizes the task's results and evaluates {@code thresholds} (in their order) on them. */
    Summary summarize(TaskId taskId, List<Threshold> thresholds);

    /** What summarizing gave. */
    sealed interface Summary permits Measured, NotMeasured {
    }

    /**
     * The results were read (a file that could not be is named in the headline's {@code unreadable}).
     *
     * @param headline the merged figures and every threshold's outcome
     * @param problems what could not be kept, for the evidence (the summary document could not be written)
     */
    record Measured(ResultsHeadline headline, List<String> problems) implements Summary {
        public Measured {
            Objects.requireNonNull(headline, "headline");
            problems = List.copyOf(problems);
        }
    }

    /**
     * The results could not be summarized at all: the folder could not be read, or reading took longer than the
     * budget allows.
     *
     * @param problem one sentence naming what failed ({@code "results: cannot read: Permission denied"})
     */
    record NotMeasured(String problem) implements Summary {
        public NotMeasured {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
