package io.atq.systemtests.support;

import io.atq.contracts.phase.Phase;
import io.atq.testfixtures.AppProcess;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What director-crash tests check of a task a survivor took over, read from the view and the directors' own logs. */
public final class Takeovers {
    private Takeovers() {
    }

    /** The phases of a view's history, oldest first. */
    public static List<String> history(JsonNode view) {
        List<String> phases = new ArrayList<>();
        view.get("history").forEach(entry -> phases.add(entry.get("phase").asString()));
        return phases;
    }

    /** Starts at QUEUED, each move allowed by the transition table, no phase twice, ends terminal. */
    public static void assertInOrderWithoutRepeats(List<String> history) {
        assertThat(history).doesNotHaveDuplicates().startsWith("QUEUED");
        for (int i = 1; i < history.size(); i++) {
            assertThat(Phase.valueOf(history.get(i - 1)).canMoveTo(Phase.valueOf(history.get(i))))
                    .as("%s -> %s in %s", history.get(i - 1), history.get(i), history).isTrue();
        }
        assertThat(Phase.valueOf(history.getLast()).isTerminal()).isTrue();
    }

    /** Phase moves of the task logged more than once across every director's log (the raw writes, before any read model). */
    public static int repeatedMoves(TestSystem system, String taskId) {
        Pattern move = Pattern.compile("task " + Pattern.quote(taskId) + ": \\w+ -> (\\w+)");
        List<String> targets = new ArrayList<>();
        for (AppProcess director : system.directors()) {
            Matcher m = move.matcher(director.logText());
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets.size() - (int) targets.stream().distinct().count();
    }

    /** When a director's log first says {@code text} about the task (its log lines start with an ISO instant). */
    public static Optional<Instant> firstLogged(AppProcess director, String taskId, String text) {
        for (String line : director.logText().split("\n")) {
            if (line.contains("task " + taskId) && line.contains(text)) {
                try {
                    return Optional.of(Instant.parse(line.substring(0, line.indexOf(' '))));
                } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Waits until no Swarm object of the system's instance is left; false after 30 s. */
    public static boolean awaitNoLeaks(TestSystem system) {
        return system.leaks().awaitGone(Duration.ofSeconds(30)).isEmpty();
    }

    /** Waits until the system's instance has a service of this name. */
    public static void awaitService(TestSystem system, String name) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!system.leaks().services().contains(name)) {
            assertThat(Instant.now()).as("service %s created", name).isBefore(deadline);
            AppProcess.sleep(100);
        }
    }

    /** Waits until {@code director}'s log says {@code text} about the task. */
    public static Instant awaitLogged(AppProcess director, String taskId, String text, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Optional<Instant> at = firstLogged(director, taskId, text);
            if (at.isPresent()) {
                return at.get();
            }
            AppProcess.sleep(100);
        }
        throw new AssertionError(director.name() + " never logged '" + text + "' for task " + taskId + "; its log ends:\n"
                + director.logTail());
    }
}
