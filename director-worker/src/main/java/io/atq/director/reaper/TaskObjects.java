package io.atq.director.reaper;

import io.atq.contracts.names.Labels;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.swarm.SwarmObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Swarm objects (services and networks) of one task, as their labels describe it.
 *
 * @param taskId  the {@code atq.task} label, read as a task id
 * @param objects every object carrying it
 */
public record TaskObjects(TaskId taskId, List<SwarmObject> objects) {
    /** Value of {@code atq.role} on a claim network: {@code atq-<task>-claim-<n>} says director n+1 took the task over. */
    public static final String CLAIM_ROLE = Labels.Role.CLAIM.label();

    public TaskObjects {
        objects = List.copyOf(objects);
    }

    /**
     * Groups objects by their {@code atq.task} label; objects without one, or with one that is not a task id (ATQ
     * never writes such a label, and it could not name the task's objects safely), are not ours to judge and are
     * dropped.
     */
    public static List<TaskObjects> group(List<SwarmObject> objects) {
        Map<TaskId, List<SwarmObject>> byTask = new LinkedHashMap<>();
        for (SwarmObject object : objects) {
            TaskId.tryParse(object.labels().get(Labels.TASK))
                    .ifPresent(task -> byTask.computeIfAbsent(task, t -> new ArrayList<>()).add(object));
        }
        return byTask.entrySet().stream().map(e -> new TaskObjects(e.getKey(), e.getValue())).toList();
    }

    /** The highest claim generation present (0: nobody took it over yet). */
    public int generation() {
        return objects.stream().filter(o -> CLAIM_ROLE.equals(o.role())).mapToInt(TaskObjects::claimNumber).max().orElse(0);
    }

    /** Who owns the task: the newest claim's {@code atq.owner}, else the task network's, else any object's; "" if none. */
    public String owner() {
        int generation = generation();
        if (generation > 0) {
            return objects.stream().filter(o -> CLAIM_ROLE.equals(o.role()) && claimNumber(o) == generation)
                    .map(o -> o.labels().getOrDefault(Labels.OWNER, "")).findFirst().orElse("");
        }
        return objects.stream().filter(o -> Labels.Role.NETWORK.label().equals(o.role())).map(o -> o.labels().get(Labels.OWNER))
                .filter(o -> o != null).findFirst()
                .or(() -> objects.stream().map(o -> o.labels().get(Labels.OWNER)).filter(o -> o != null).findFirst())
                .orElse("");
    }

    /** The {@code atq.deadline} label, if any object carries a readable one. */
    public Optional<Instant> deadline() {
        for (SwarmObject object : objects) {
            String value = object.labels().get(Labels.DEADLINE);
            if (value != null) {
                try {
                    return Optional.of(Instant.parse(value));
                } catch (DateTimeParseException e) {
                    // a foreign or damaged label: try the next object
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a service of this role exists. */
    public boolean has(Labels.Role role) {
        return objects.stream().anyMatch(o -> role.label().equals(o.role()));
    }


    private static int claimNumber(SwarmObject claim) {
        String name = claim.name();
        try {
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
