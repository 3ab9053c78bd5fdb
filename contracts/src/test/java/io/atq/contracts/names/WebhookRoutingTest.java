package io.atq.contracts.names;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.CallbackEvents;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only events a callback is told about take the routing keys the webhook event queue is bound with. */
class WebhookRoutingTest {
    private static final Callback ALL = new Callback("https://ci.example/hook", CallbackEvents.ALL);
    private static final Callback TERMINAL = new Callback("https://ci.example/hook", CallbackEvents.TERMINAL);

    @Test
    void aCallbackForAllEventsIsToldOfEveryPhase() {
        for (Phase phase : Phase.values()) {
            assertThat(Callback.reported(ALL, phase)).as("%s", phase).isTrue();
        }
    }

    @Test
    void aTerminalOnlyCallbackIsToldOfTerminalPhasesOnly() {
        for (Phase phase : Phase.values()) {
            assertThat(Callback.reported(TERMINAL, phase)).as("%s", phase).isEqualTo(phase.isTerminal());
        }
        assertThat(new Callback("https://ci.example/hook", null).reports(Phase.QUEUED)).isFalse();
    }

    @Test
    void noCallbackIsToldOfNothing() {
        for (Phase phase : Phase.values()) {
            assertThat(Callback.reported(null, phase)).as("%s", phase).isFalse();
        }
    }

    @Test
    void reportedEventsKeepThePlainKeysTheWebhookQueueIsBoundWith() {
        assertThat(MessageType.TASK_REQUESTED.routingKey(true)).isEqualTo(Topology.KEY_REQUESTED).isEqualTo("task.requested");
        assertThat(MessageType.TASK_PHASE_CHANGED.routingKey(true)).isEqualTo(Topology.KEY_PHASE_CHANGED).isEqualTo("task.phase-changed");
        assertThat(MessageType.TASK_REQUESTED.routingKey()).isEqualTo(Topology.KEY_REQUESTED);
    }

    @Test
    void unreportedEventsTakeQuietKeysThatStillMatchTheLogBinding() {
        assertThat(MessageType.TASK_REQUESTED.routingKey(false)).isEqualTo(Topology.KEY_REQUESTED_QUIET).isEqualTo("task.requested.quiet");
        assertThat(MessageType.TASK_PHASE_CHANGED.routingKey(false)).isEqualTo(Topology.KEY_PHASE_CHANGED_QUIET)
                .isEqualTo("task.phase-changed.quiet");
        // "task.#" (the log) matches both; the webhook bindings are exact keys, which the quiet keys are not.
        assertThat(Topology.KEY_REQUESTED_QUIET).startsWith("task.").isNotEqualTo(Topology.KEY_REQUESTED);
        assertThat(Topology.KEY_PHASE_CHANGED_QUIET).startsWith("task.").isNotEqualTo(Topology.KEY_PHASE_CHANGED);
    }

    @Test
    void messagesWebhooksNeverReportKeepTheirOnlyKey() {
        assertThat(MessageType.CANCEL_TASK.routingKey(false)).isEqualTo(MessageType.CANCEL_TASK.routingKey()).isEqualTo("task.cancel");
        assertThat(MessageType.CANCEL_TASK.quietRoutingKey()).isEmpty();
    }
}
