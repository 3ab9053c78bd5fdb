package io.atq.gateway.webhooks;

import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.WebhookAttempted;
import io.atq.contracts.messages.WebhookOutcome;

import io.atq.contracts.tasks.TaskId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every webhook attempt any gateway made, per task, read from the task log stream (and this gateway's own attempts at
 * once); plus each task's submitting client, whose secret signs its webhooks. Idempotent: a replayed or repeated
 * record changes nothing.
 */
public final class DeliveryLedger {
    private static final Comparator<WebhookAttempted> IN_ORDER =
            Comparator.comparing(WebhookAttempted::at).thenComparingInt(WebhookAttempted::attempt);

    private final Map<TaskId, String> clients = new ConcurrentHashMap<>();
    private final Set<TaskId> requested = ConcurrentHashMap.newKeySet();
    private final Map<TaskId, List<WebhookAttempted>> attempts = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Set<TaskId> gone = ConcurrentHashMap.newKeySet();

    /** Applies one message of the task log; everything but requests and webhook attempts is ignored. */
    public void apply(TaskMessage message) {
        switch (message) {
            case TaskRequested requested -> {
                // The first request of a task id wins, as in the read model.
                if (requested.clientId() != null) {
                    clients.putIfAbsent(requested.taskId(), requested.clientId());
                }
                this.requested.add(requested.taskId());
            }
            case WebhookAttempted attempt -> record(attempt);
            default -> {
            }
        }
    }

    private void record(WebhookAttempted attempt) {
        List<WebhookAttempted> list = attempts.computeIfAbsent(attempt.taskId(), id -> new ArrayList<>());
        synchronized (list) {
            if (list.contains(attempt)) {
                return;
            }
            list.add(attempt);
        }
        if (attempt.outcome() == WebhookOutcome.DELIVERED) {
            delivered.add(attempt.webhookId());
        } else if (attempt.outcome() == WebhookOutcome.GONE) {
            gone.add(attempt.taskId());
        }
    }

    /** The client that submitted the task, once its request was read. */
    public Optional<String> clientOf(TaskId taskId) {
        return Optional.ofNullable(clients.get(taskId));
    }

    /** Whether the task's request was read (its client, if it named one, is then known). */
    public boolean isRequestKnown(TaskId taskId) {
        return requested.contains(taskId);
    }

    /** Every attempt for the task, oldest first. */
    public List<WebhookAttempted> attempts(TaskId taskId) {
        List<WebhookAttempted> list = attempts.get(taskId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return list.stream().sorted(IN_ORDER).toList();
        }
    }

    /** Whether some gateway already got a 2xx for this webhook id (a repeat would be a duplicate). */
    public boolean isDelivered(String webhookId) {
        return delivered.contains(webhookId);
    }

    /** Whether the task's callback URL answered 410: nothing more goes there. */
    public boolean isGone(TaskId taskId) {
        return gone.contains(taskId);
    }
}
