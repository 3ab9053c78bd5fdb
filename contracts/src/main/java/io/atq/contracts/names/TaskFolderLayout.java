package io.atq.contracts.names;

/**
 * What lives in a task's folder {@code <sharedPath>/tasks/<id>/} (see {@link SharedFolderLayout#task}): directors write
 * it, gateways serve it. Only {@link #RESULTS} is mounted into the master, so a master cannot touch the platform's
 * logs or the end marker.
 */
public final class TaskFolderLayout {
    private TaskFolderLayout() {
    }

    /** The master's {@code /atq/results}: whatever the master wrote. */
    public static final String RESULTS = "results";
    /** The master's stdout and stderr, appended by the director while it runs. */
    public static final String MASTER_LOG = "master.log";
    /** Folder of the workers' logs, one file per service task slot. */
    public static final String WORKERS = "workers";
    /**
     * The summary of the task's results the director merged from every results file ({@code GET /v1/tasks/{id}/summary}
     * serves it): next to the logs, not in {@link #RESULTS}, so no container can write it.
     */
    public static final String RESULTS_SUMMARY = "results-summary.json";
    /** Inside {@link #RESULTS}: one folder per worker, mounted as that worker's {@code /atq/results}. */
    public static final String WORKER_RESULTS = RESULTS + "/workers";
    /** ISO-8601 instant at which the task reached its terminal phase; retention counts from it. */
    public static final String ENDED_AT = "ended-at";

    /** File name of one worker's log inside {@link #WORKERS}: {@code worker-<slot>.log}. */
    public static String workerLog(int slot) {
        return "worker-" + slot + ".log";
    }

    /** A worker's results folder relative to the task's folder: {@code results/workers/<slot>}. */
    public static String workerResults(int slot) {
        return WORKER_RESULTS + "/" + slot;
    }

    /** The slot of a worker log file name, or -1 when the name is not one. */
    public static int slotOf(String fileName) {
        if (!fileName.startsWith("worker-") || !fileName.endsWith(".log")) {
            return -1;
        }
        String digits = fileName.substring("worker-".length(), fileName.length() - ".log".length());
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }
}
