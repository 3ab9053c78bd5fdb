package io.atq.director.orchestration;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.CallbackEvents;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.events.TaskEvents;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A director says, with every phase it records, whether a webhook reports it; by default it says yes. */
class WebhookRoutingOfPhasesTest {
    private static final TaskId T_1 = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final List<String> published = new ArrayList<>();

    private final TaskEvents events = new TaskEvents() {
        @Override
        public void phaseChanged(TaskPhaseChanged event, boolean reportedToWebhooks) {
            published.add(event.phase() + (reportedToWebhooks ? " reported" : " quiet"));
        }

        @Override
        public void cleanedUp(TaskCleanedUp event) {
        }
    };

    private PhaseRecorder recorder(@Nullable Callback callback) {
        return new PhaseRecorder(T_1, T0, "director-1", events, clock, null, PhaseRecorder.Reporting.forCallback(callback, PhaseObserver.NONE));
    }

    private void run(PhaseRecorder phases) {
        phases.move(Phase.PROVISIONING);
        phases.move(Phase.STARTING_WORKERS);
        phases.move(Phase.FAILED);
    }

    @Test
    void aTaskWithoutCallbackHasEveryPhasePublishedQuietly() {
        run(recorder(null));

        assertThat(published).containsExactly("PROVISIONING quiet", "STARTING_WORKERS quiet", "FAILED quiet");
    }

    @Test
    void aTerminalOnlyCallbackHasOnlyTheVerdictReported() {
        run(recorder(new Callback("https://ci.example/hook", CallbackEvents.TERMINAL)));

        assertThat(published).containsExactly("PROVISIONING quiet", "STARTING_WORKERS quiet", "FAILED reported");
    }

    @Test
    void aCallbackForAllEventsHasEveryPhaseReported() {
        run(recorder(new Callback("https://ci.example/hook", CallbackEvents.ALL)));

        assertThat(published).containsExactly("PROVISIONING reported", "STARTING_WORKERS reported", "FAILED reported");
    }

    @Test
    void aRecorderThatDoesNotKnowTheCallbackReportsEveryPhase() {
        // The reaper ends a task whose request it could not read: a skipped event is cheaper than a lost one.
        run(new PhaseRecorder(T_1, T0, "director-1", events, clock, null, PhaseRecorder.Reporting.ALL));

        assertThat(published).containsExactly("PROVISIONING reported", "STARTING_WORKERS reported", "FAILED reported");
    }
}
