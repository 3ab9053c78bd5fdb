package io.atq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code docker} CLI prints about a service's tasks, turned into values: pure, so {@link CliPipeline}'s
 * reading of it is unit-tested ({@code CliTasksTest}).
 */
final class CliTasks {
    /** The {@code docker service ps --format} that {@link #parsePs} reads: task id, current state, error. */
    static final String PS_FORMAT = "{{.ID}}\t{{.CurrentState}}\t{{.Error}}";
    /** The {@code docker inspect --type task --format} that {@link #parseAddresses} reads: slot, then network=addresses. */
    static final String ADDRESS_FORMAT = "{{.Slot}}{{range .NetworksAttachments}} {{.Network.ID}}={{join .Addresses \",\"}}{{end}}";

    /** "task: non-zero exit (3)", Swarm's error of a task whose container exited with 3. */
    private static final Pattern NON_ZERO_EXIT = Pattern.compile("non-zero exit \\((\\d+)\\)");

    private CliTasks() {
    }

    /** A Swarm task's state as the CLI names it, lower case ({@code running}, {@code complete}, …). */
    enum State {
        NEW, ALLOCATED, PENDING, ASSIGNED, ACCEPTED, PREPARING, READY, STARTING, RUNNING,
        COMPLETE, SHUTDOWN, FAILED, REJECTED, REMOVE, ORPHANED, UNKNOWN;

        boolean ended() {
            return ordinal() >= COMPLETE.ordinal() && this != UNKNOWN;
        }

        /** Ended without having done its job: for a service with restart condition none, the run is lost. */
        boolean failed() {
            return this == FAILED || this == REJECTED || this == ORPHANED;
        }

        /** The first word of the CLI's {@code CurrentState} ("Running 2 seconds ago"). */
        static State ofCurrentState(String currentState) {
            String word = currentState.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            for (State s : values()) {
                if (s.name().equals(word)) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }

    /** One line of {@code docker service ps}. */
    record Task(String id, State state, String error) {
        /** The container's exit code as far as the CLI tells it: 0 when complete, N from "non-zero exit (N)", else -1. */
        int exitCode() {
            if (state == State.COMPLETE) {
                return 0;
            }
            Matcher m = NON_ZERO_EXIT.matcher(error);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }
    }

    /** The lines of {@code docker service ps --no-trunc --format PS_FORMAT}; blank lines are skipped. */
    static List<Task> parsePs(String output) {
        List<Task> tasks = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 2) {
                throw new IllegalArgumentException("not a `docker service ps` line of format " + PS_FORMAT + ": '" + line + "'");
            }
            tasks.add(new Task(f[0].strip(), State.ofCurrentState(f[1]), f.length > 2 ? f[2].strip() : ""));
        }
        return tasks;
    }

    /** How many of {@code tasks} run. */
    static long running(List<Task> tasks) {
        return tasks.stream().filter(t -> t.state() == State.RUNNING).count();
    }

    /** The first task that ended badly, if any. */
    static Optional<Task> firstFailed(List<Task> tasks) {
        return tasks.stream().filter(t -> t.state().failed()).findFirst();
    }

    /**
     * Each task's address on {@code networkId} by slot, from {@code docker inspect --type task --format ADDRESS_FORMAT}
     * (one line per task: {@code 2 <network id>=10.0.1.3/24}); the prefix length is dropped. Tasks without an address
     * on that network yet are left out.
     */
    static Map<Integer, String> parseAddresses(String output, String networkId) {
        Map<Integer, String> bySlot = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            int slot;
            try {
                slot = Integer.parseInt(f[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a task slot at the start of '" + line + "'", e);
            }
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq > 0 && f[i].substring(0, eq).equals(networkId) && eq + 1 < f[i].length()) {
                    String first = f[i].substring(eq + 1).split(",")[0];
                    int cut = first.indexOf('/');
                    bySlot.put(slot, cut < 0 ? first : first.substring(0, cut));
                }
            }
        }
        return bySlot;
    }

    /** The addresses of slots 1..replicas in slot order, or empty while one is missing. */
    static Optional<List<String>> inSlotOrder(Map<Integer, String> bySlot, int replicas) {
        List<String> addresses = new ArrayList<>(replicas);
        for (int slot = 1; slot <= replicas; slot++) {
            String address = bySlot.get(slot);
            if (address == null) {
                return Optional.empty();
            }
            addresses.add(address);
        }
        return Optional.of(addresses);
    }
}
