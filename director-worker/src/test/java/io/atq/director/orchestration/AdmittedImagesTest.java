package io.atq.director.orchestration;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.validation.AdmittedSpec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.intake.IntakeDecider;
import io.atq.director.intake.IntakeDecision;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.support.RunFixture;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Intake parses the request's images once and the run works from what intake admitted, never from the text again. */
class AdmittedImagesTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void intakeHandsTheRunTheImagesItAdmitted() {
        TaskLedger ledger = new TaskLedger("n");
        TaskRequested request = fixture.request().build();
        ledger.apply(request);
        IntakeDecider decider = new IntakeDecider(MessageCodec.strict(), new TaskSpecValidator(TaskRequests.CONFIG), ledger,
                id -> false, bundle -> true, fixture.clock);

        assertThat(decider.decide(request)).isInstanceOfSatisfying(IntakeDecision.Run.class, run -> {
            assertThat(run.admitted().spec()).isEqualTo(request.spec());
            assertThat(run.admitted().workers().familiar()).isEqualTo("atq/demo-worker:1");
            assertThat(run.admitted().master().rule().imageName()).isEqualTo("atq/demo-master:1");
        });
    }

    @Test
    void theServicesGetTheAdmittedImagesLimitsAndPlacement() {
        TaskRequested request = fixture.request().workers(2).build();
        AdmittedSpec admitted = RunFixture.admitted(request);

        fixture.runFor(request, admitted).run();

        assertThat(fixture.swarm.created(Labels.Role.WORKER).resources()).isEqualTo(admitted.workers().resources());
        assertThat(fixture.swarm.created(Labels.Role.WORKER).placement()).isEqualTo(admitted.workers().placement());
        assertThat(fixture.swarm.created(Labels.Role.MASTER).resources()).isEqualTo(admitted.master().resources());
    }

    @Test
    void aRunRefusesAnAdmissionOfAnotherSpec() {
        TaskRequested request = fixture.request().build();
        AdmittedSpec other = RunFixture.admitted(fixture.request().workers(5).build());

        assertThatThrownBy(() -> fixture.runFor(request, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(request.taskId().value());
    }
}
