package io.atq.contracts.names;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.CallbackEvents;
import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
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
        assertThat(Topology.routingKey(TaskRequested.TYPE_ID, true)).isEqualTo(Topology.KEY_REQUESTED);
        assertThat(Topology.routingKey(TaskPhaseChanged.TYPE_ID, true)).isEqualTo(Topology.KEY_PHASE_CHANGED);
        assertThat(Topology.routingKey(TaskRequested.TYPE_ID)).isEqualTo(Topology.KEY_REQUESTED);
    }

    @Test
    void unreportedEventsTakeQuietKeysThatStillMatchTheLogBinding() {
        assertThat(Topology.routingKey(TaskRequested.TYPE_ID, false)).isEqualTo(Topology.KEY_REQUESTED_QUIET);
        assertThat(Topology.routingKey(TaskPhaseChanged.TYPE_ID, false)).isEqualTo(Topology.KEY_PHASE_CHANGED_QUIET);
        // "task.#" (the log) matches both; the webhook bindings are exact keys, which the quiet keys are not.
        assertThat(Topology.KEY_REQUESTED_QUIET).startsWith("task.").isNotEqualTo(Topology.KEY_REQUESTED);
        assertThat(Topology.KEY_PHASE_CHANGED_QUIET).startsWith("task.").isNotEqualTo(Topology.KEY_PHASE_CHANGED);
    }

    @Test
    void messagesWebhooksNeverReportKeepTheirOnlyKey() {
        assertThat(Topology.routingKey(CancelTask.TYPE_ID, false)).isEqualTo(Topology.KEY_CANCEL);
    }
}
