package io.atq.gateway.webhooks;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import io.atq.gateway.web.TaskView;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns a message from the webhook event queue into the first delivery job of its event — or says there is none
 * (no callback, an event the task's {@code callbackEvents} exclude, already delivered, URL gone), or that the task is
 * not known yet (this gateway's read model has not read its request: ask again shortly).
 */
public final class WebhookEvents {

    /** The answer for one message. */
    public sealed interface Decision {
        /** Nothing to deliver for this message. */
        record Skip(String why) implements Decision {
        }

        /** The read model does not know the task (yet). */
        record Unknown(String taskId) implements Decision {
        }

        /** Deliver this. */
        record Deliver(DeliveryJob job) implements Decision {
        }
    }

    private final TaskBook book;
    private final DeliveryLedger ledger;
    private final SecretArgs secrets;

    public WebhookEvents(TaskBook book, DeliveryLedger ledger, SecretArgs secrets) {
        this.book = book;
        this.ledger = ledger;
        this.secrets = secrets;
    }

    public Decision decide(TaskMessage message) {
        String taskId;
        Phase phase;
        Instant at;
        switch (message) {
            // QUEUED is implied by the request itself.
            case TaskRequested requested -> {
                if (requested.spec().callback() == null) {
                    return new Decision.Skip("no callback");
                }
                taskId = requested.taskId();
                phase = Phase.QUEUED;
                at = requested.requestedAt();
            }
            case TaskPhaseChanged changed -> {
                taskId = changed.taskId();
                phase = changed.phase();
                at = changed.at();
            }
            default -> {
                return new Decision.Skip("not an event webhooks report");
            }
        }
        Optional<TaskState> task = book.find(taskId);
        if (task.isEmpty() || !ledger.isRequestKnown(taskId)) {
            return new Decision.Unknown(taskId);
        }
        Optional<String> client = ledger.clientOf(taskId);
        if (client.isEmpty()) {
            return new Decision.Skip("the request names no client, so there is no secret to sign with");
        }
        Callback callback = task.get().spec().callback();
        if (callback == null) {
            return new Decision.Skip("no callback");
        }
        if (!callback.reports(phase)) {
            return new Decision.Skip("only terminal phases are delivered");
        }
        String webhookId = DeliveryJob.webhookId(taskId, phase);
        if (ledger.isDelivered(webhookId) || ledger.isGone(taskId)) {
            return new Decision.Skip("already delivered, or the URL answered 410");
        }
        // TaskView masks secret args (and scrubs them from the failure message), as for every other view.
        String body = WebhookPayloads.body(taskId, phase, at, TaskView.of(task.get(), secrets));
        return new Decision.Deliver(new DeliveryJob(taskId, client.get(), webhookId, phase, callback.url(), body, 1));
    }
}
