package io.atq.director.storage;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.names.TaskFolderLayout;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.orchestration.TaskResults;
import io.atq.results.ResultsFolder;
import io.atq.results.ResultsSummary;
import io.atq.results.SummaryDocument;
import io.atq.results.ThresholdCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link TaskResults} of {@code <sharedPath>/tasks/<id>/results/}, read by the {@code results} module
 * ({@link ResultsFolder}: bounded files, no links followed, never a throw for what the folder holds), the summary
 * document written next to the folder as {@link TaskFolderLayout#RESULTS_SUMMARY}, atomically (aside, then moved), so
 * a reader sees the previous document or the whole new one. The reading runs on a thread of its own and the run waits
 * at most {@code budget} for it: up to 512 files of up to 1 GiB each could otherwise hold a task in COLLECTING for long.
 */
public final class SharedFolderTaskResults implements TaskResults {
    private static final Logger log = LoggerFactory.getLogger(SharedFolderTaskResults.class);

    private final AtqConfig config;
    private final Duration budget;

    /** @param budget the longest the run waits for one task's summary */
    public SharedFolderTaskResults(AtqConfig config, Duration budget) {
        this.config = config;
        this.budget = budget;
    }

    @Override
    public Summary summarize(TaskId taskId, List<Threshold> thresholds) {
        Path task = config.sharedFolder().task(taskId);
        Path folder = task.resolve(TaskFolderLayout.RESULTS);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return new NotMeasured(TaskFolderLayout.RESULTS + ": no such folder");
        }
        FutureTask<Summary> work = new FutureTask<>(() -> measure(taskId, task, folder, thresholds));
        Thread.ofVirtual().name("summarize-" + taskId).start(work);
        try {
            return work.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Interrupted, its reads stop (an interrupted channel closes) and it returns soon.
            work.cancel(true);
            return new NotMeasured(TaskFolderLayout.RESULTS + ": not summarized within " + budget
                    + " (atq.director.evidence.summary-budget)");
        } catch (InterruptedException e) {
            work.cancel(true);
            Thread.currentThread().interrupt();
            return new NotMeasured(TaskFolderLayout.RESULTS + ": not summarized: the director is stopping");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.error("task {}: summarizing the results failed", taskId, cause);
            return new NotMeasured(TaskFolderLayout.RESULTS + ": not summarized: " + cause);
        }
    }

    private static Summary measure(TaskId taskId, Path task, Path folder, List<Threshold> thresholds) {
        ResultsSummary summary = ResultsFolder.summarize(folder, TaskFolderLayout.RESULTS);
        List<ThresholdOutcome> outcomes = ThresholdCheck.evaluate(thresholds, summary);
        List<String> problems = new ArrayList<>();
        Path document = task.resolve(TaskFolderLayout.RESULTS_SUMMARY);
        try {
            write(document, SummaryDocument.json(summary, outcomes));
        } catch (IOException e) {
            log.warn("task {}: cannot write {}: {}", taskId, document, e.toString());
            problems.add(TaskFolderLayout.RESULTS_SUMMARY + ": cannot write: " + reason(e));
        }
        return new Measured(summary.headline(outcomes), problems);
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path partial = Files.createTempFile(file.getParent(), ".results-summary", ".tmp");
        try {
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** {@code No space left on device}: the file system's words, without the path the caller names. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
