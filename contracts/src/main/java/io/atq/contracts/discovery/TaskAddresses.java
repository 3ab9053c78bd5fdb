package io.atq.contracts.discovery;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The workers' addresses as Swarm records them: each task's network attachment on the task network, read from the
 * engine's {@code GET /tasks?filters={"service":[…]}} answer. Pure (shared by the director and the benchmarks'
 * docker-java baseline, so both discover the same way).
 *
 * <p>Why not DNS: busybox {@code nslookup tasks.<service>} answers over UDP and the answer is cut off (16 of 50
 * addresses seen with Docker 20.10), so more than ~16 workers could never be found. Swarm allocates the addresses when
 * it creates the tasks (measured: all 50 present while every task is still {@code pending}, before any container).
 *
 * <p>docker-java 3.7.1's {@code Task} model has no {@code NetworksAttachments}, hence the raw JSON:
 * <pre>[{"Slot": 3, "NetworksAttachments": [{"Network": {"ID": "iymb2…"}, "Addresses": ["10.0.1.5/24"]}], …}, …]</pre>
 */
public final class TaskAddresses {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TaskAddresses() {
    }

    /**
     * Each task's address on {@code networkId}, by slot: the attachment's first address without its prefix length
     * ({@code 10.0.1.5/24} → {@code 10.0.1.5}, {@code fd00::5/64} → {@code fd00::5}). Tasks without an attachment to
     * that network yet (Swarm has not allocated one) or without a slot are left out. The worker service's restart
     * condition is {@code none}, so a slot has one task; should Swarm list two, the first listed with an address counts.
     *
     * @param tasksJson the body of {@code GET /tasks} (a JSON array)
     * @param networkId the full id of the task network (as {@code POST /networks/create} returned it)
     * @throws IllegalArgumentException when the body is not a JSON array
     */
    public static SortedMap<Integer, String> onNetwork(String tasksJson, String networkId) {
        JsonNode tasks;
        try {
            tasks = JSON.readTree(tasksJson);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the engine's task list is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tasks == null || !tasks.isArray()) {
            throw new IllegalArgumentException("the engine's task list is not a JSON array: " + abbreviate(tasksJson));
        }
        SortedMap<Integer, String> bySlot = new TreeMap<>();
        for (JsonNode task : tasks) {
            JsonNode slot = task.path("Slot");
            if (!slot.isIntegralNumber() || slot.intValue() < 1) {
                continue;
            }
            String address = addressOn(task, networkId);
            if (address != null) {
                bySlot.putIfAbsent(slot.intValue(), address);
            }
        }
        return Collections.unmodifiableSortedMap(bySlot);
    }

    private static @Nullable String addressOn(JsonNode task, String networkId) {
        for (JsonNode attachment : task.path("NetworksAttachments")) {
            if (!networkId.equals(attachment.path("Network").path("ID").stringValue(null))) {
                continue;
            }
            for (JsonNode address : attachment.path("Addresses")) {
                String cidr = address.stringValue(null);
                if (cidr != null && !cidr.isBlank()) {
                    int slash = cidr.indexOf('/');
                    return (slash < 0 ? cidr : cidr.substring(0, slash)).strip();
                }
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 80 ? String.valueOf(text) : text.substring(0, 80) + "…";
    }
}
