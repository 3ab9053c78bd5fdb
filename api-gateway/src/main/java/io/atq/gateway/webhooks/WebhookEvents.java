package io.atq.gateway.webhooks;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.tasks.PhaseEntry;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import io.atq.gateway.views.TaskView;
import org.jspecify.annotations.Nullable;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * Turns a message from the webhook event queue into the first delivery job of its event — or says there is none, or
 * that this gateway's read model has not read the event yet (ask again shortly). The queue and the read model are fed
 * from the same exchange by different consumers, so the read model may lag the queue by a few messages:
 * <ul>
 *   <li>the task or its request is unknown → {@link Decision.Unknown};</li>
 *   <li>no callback, no client to sign with, a phase {@code callbackEvents} excludes, already delivered or the URL
 *       answered 410 → {@link Decision.Skip};</li>
 *   <li>the task's history has the event's phase → {@link Decision.Deliver}: the view is the task as the read model
 *       has it, so it includes the event and may be past it; {@code sequence} is the phase's history index;</li>
 *   <li>the history lacks the phase but the task can still reach it → {@link Decision.Unknown}: the read model has not
 *       applied the event yet, and a view built now would be behind the event it reports;</li>
 *   <li>the history lacks the phase and the task can no longer reach it (it ended, or moved past it on another
 *       branch) → {@link Decision.Skip}: the read model refused the event as out of order, so it is in no task
 *       history, event stream or view on any gateway.</li>
 * </ul>
 */
public final class WebhookEvents {

    /** The answer for one message. */
    public sealed interface Decision {
        /** Nothing to deliver for this message. */
        record Skip(String why) implements Decision {
        }

        /** The read model has not read the task, or this event of it (yet). */
        record Unknown(@Nullable TaskId taskId, String why) implements Decision {
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
        TaskId taskId;
        Phase phase;
        switch (message) {
            // QUEUED is implied by the request itself.
            case TaskRequested requested -> {
                if (requested.spec().callback() == null) {
                    return new Decision.Skip("no callback");
                }
                taskId = requested.taskId();
                phase = Phase.QUEUED;
            }
            case TaskPhaseChanged changed -> {
                taskId = changed.taskId();
                phase = changed.phase();
            }
            default -> {
                return new Decision.Skip("not an event webhooks report");
            }
        }
        Optional<TaskState> found = book.find(taskId);
        if (found.isEmpty() || !ledger.isRequestKnown(taskId)) {
            return new Decision.Unknown(taskId, "the read model has not read the task's request");
        }
        TaskState task = found.get();
        Optional<String> client = ledger.clientOf(taskId);
        if (client.isEmpty()) {
            return new Decision.Skip("the request names no client, so there is no secret to sign with");
        }
        Callback callback = task.spec().callback();
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
        int sequence = sequence(task, phase);
        if (sequence < 0) {
            return canStillReach(task.phase(), phase)
                    ? new Decision.Unknown(taskId, "the read model is at " + task.phase() + " and has not applied " + phase + " yet")
                    : new Decision.Skip(phase + " is in no history of the task: it cannot follow " + task.phase());
        }
        PhaseEntry entry = task.history().get(sequence);
        // TaskView masks secret args (and scrubs them from the failure message), as for every other view.
        String body = WebhookPayloads.body(taskId, phase, sequence, entry.at(), TaskView.of(task, secrets));
        return new Decision.Deliver(new DeliveryJob(taskId, client.get(), webhookId, phase, callback.url(), body, 1));
    }

    /**
     * The index of {@code phase} in the task's history — the id of its server-sent event — or -1 when the task has
     * not entered it. A phase is entered at most once (the transition table has no cycles).
     */
    static int sequence(TaskState task, Phase phase) {
        for (int i = 0; i < task.history().size(); i++) {
            if (task.history().get(i).phase() == phase) {
                return i;
            }
        }
        return -1;
    }

    /** Whether some sequence of moves the transition table allows leads from {@code from} to {@code to}. */
    static boolean canStillReach(Phase from, Phase to) {
        Set<Phase> seen = EnumSet.of(from);
        Queue<Phase> next = new ArrayDeque<>(from.next());
        while (!next.isEmpty()) {
            Phase phase = next.remove();
            if (phase == to) {
                return true;
            }
            if (seen.add(phase)) {
                next.addAll(phase.next());
            }
        }
        return false;
    }
}
