package io.atq.director.support;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.events.TaskEvents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records events as {@code "FROM->TO"} moves (per task, QUEUED implied), like JobRunr's LogAllStateChangesFilter. */
public final class RecordingTaskEvents implements TaskEvents {
    private final List<String> moves = new ArrayList<>();
    private final List<TaskPhaseChanged> phaseEvents = new ArrayList<>();
    private final List<TaskCleanedUp> cleanUps = new ArrayList<>();
    private final Map<TaskId, Phase> last = new HashMap<>();
    private final Journal journal;

    public RecordingTaskEvents(Journal journal) {
        this.journal = journal;
    }

    public RecordingTaskEvents() {
        this(new Journal());
    }

    @Override
    public synchronized void phaseChanged(TaskPhaseChanged event, boolean reportedToWebhooks) {
        Phase from = last.getOrDefault(event.taskId(), Phase.QUEUED);
        moves.add(from + "->" + event.phase());
        last.put(event.taskId(), event.phase());
        phaseEvents.add(event);
        journal.add("phase " + event.phase());
    }

    @Override
    public synchronized void cleanedUp(TaskCleanedUp event) {
        cleanUps.add(event);
        journal.add("cleaned up " + event.complete());
    }

    public synchronized List<String> moves() {
        return List.copyOf(moves);
    }

    public synchronized List<TaskPhaseChanged> phaseEvents() {
        return List.copyOf(phaseEvents);
    }

    public synchronized TaskPhaseChanged terminal() {
        return phaseEvents.stream().filter(e -> e.phase().isTerminal()).findFirst().orElseThrow(() -> new AssertionError("no terminal phase in " + moves));
    }

    public synchronized TaskPhaseChanged event(Phase phase) {
        return phaseEvents.stream().filter(e -> e.phase() == phase).findFirst().orElseThrow(() -> new AssertionError("no " + phase + " in " + moves));
    }

    public synchronized List<TaskCleanedUp> cleanUps() {
        return List.copyOf(cleanUps);
    }
}
