package io.atq.contracts.validation;

import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.images.ImageReference;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.secrets.SecretArgs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Admission parses each image once and hands on what it found; the spec itself travels as the client wrote it. */
class AdmissionTest {
    // The embedded default whitelists the demo images and declares API_KEY secret on both.
    private final AtqConfig config = ConfigLoader.loadEmbedded();
    private final TaskSpecValidator validator = new TaskSpecValidator(config);

    private static TaskSpec spec(String workerImage, String masterImage) {
        return new TaskSpec("load", new WorkerSpec(workerImage, 2, Map.of("MODE", "pass", "API_KEY", "worker-secret"), 8080),
                new MasterSpec(masterImage, Map.of("MODE", "pass", "API_KEY", "master-secret")), Duration.ofMinutes(5));
    }

    private AdmittedSpec admitted(TaskSpec spec) {
        return switch (validator.admit(spec)) {
            case Admission.Admitted admitted -> admitted.spec();
            case Admission.Refused refused -> throw new AssertionError("refused: " + refused.violations());
        };
    }

    @Test
    void anAdmittedSpecCarriesEachImageParsedWithTheRuleThatAdmittedIt() {
        // Written in two of the forms that name the same whitelisted image.
        TaskSpec spec = spec("docker.io/atq/demo-worker:1", "atq/demo-master:1");
        AdmittedSpec admitted = admitted(spec);

        assertThat(admitted.spec()).isSameAs(spec);
        assertThat(admitted.workers().requested()).isEqualTo("docker.io/atq/demo-worker:1");
        assertThat(admitted.workers().reference()).isEqualTo(ImageReference.parse("atq/demo-worker:1"));
        assertThat(admitted.workers().familiar()).isEqualTo("atq/demo-worker:1");
        assertThat(admitted.workers().rule()).isEqualTo(config.ruleFor(admitted.workers().reference()).orElseThrow());
        assertThat(admitted.workers().resources()).isEqualTo(admitted.workers().rule().resources());
        assertThat(admitted.workers().placement()).isEqualTo(admitted.workers().rule().placement());
        assertThat(admitted.master().familiar()).isEqualTo("atq/demo-master:1");
    }

    @Test
    void aRefusalNamesEveryProblemAndValidateReportsTheSame() {
        TaskSpec spec = spec("evil/miner:1", "Not An Image");
        Admission admission = validator.admit(spec);

        assertThat(admission).isInstanceOf(Admission.Refused.class);
        assertThat(((Admission.Refused) admission).violations()).extracting(Violation::field)
                .containsExactly("workers.image", "master.image");
        assertThat(validator.validate(spec)).isEqualTo(((Admission.Refused) admission).violations());
        assertThat(validator.validate(spec("atq/demo-worker:1", "atq/demo-master:1"))).isEmpty();
        assertThat(validator.admit(null)).isInstanceOf(Admission.Refused.class);
    }

    @Test
    void theRequestOnTheWireStillCarriesTheImageAsTheClientWroteIt() {
        TaskSpec spec = spec("docker.io/atq/demo-worker:1", "atq/demo-master:1");
        admitted(spec);
        String json = new String(new MessageCodec().encode(new TaskRequested(TaskId.parse("00000000-0000-4000-8000-000000000001"), spec, Instant.EPOCH)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"image\":\"docker.io/atq/demo-worker:1\"").contains("\"image\":\"atq/demo-master:1\"");
    }

    @Test
    void anAdmittedSpecScrubsLogLinesLikeTheSpecItself() {
        TaskSpec spec = spec("atq/demo-worker:1", "atq/demo-master:1");
        String line = "connecting with worker-secret and master-secret, mode pass";

        assertThat(SecretArgs.scrubber(admitted(spec)).apply(line)).isEqualTo("connecting with *** and ***, mode pass")
                .isEqualTo(new SecretArgs(config).scrubber(spec).apply(line))
                .isEqualTo(new SecretArgs(config).scrub(spec, line));
    }

    @Test
    void onlyARefusalWithAReasonIsOne() {
        assertThatThrownBy(() -> new Admission.Refused(java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
