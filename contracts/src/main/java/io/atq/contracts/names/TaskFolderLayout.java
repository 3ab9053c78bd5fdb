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
    /** ISO-8601 instant at which the task reached its terminal phase; retention counts from it. */
    public static final String ENDED_AT = "ended-at";

    /** File name of one worker's log inside {@link #WORKERS}: {@code worker-<slot>.log}. */
    public static String workerLog(int slot) {
        return "worker-" + slot + ".log";
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
