package io.atq.contracts.secrets;

import io.atq.contracts.config.ConfigLoader;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.WorkerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretArgsTest {
    // The embedded default declares API_KEY secret on both demo images.
    private final SecretArgs secrets = new SecretArgs(ConfigLoader.loadEmbedded());

    private static TaskSpec spec(String workerKey, String masterKey) {
        return new TaskSpec("load", new WorkerSpec("atq/demo-worker:1", 2, Map.of("MODE", "pass", "API_KEY", workerKey), 8080),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "pass", "API_KEY", masterKey)), Duration.ofMinutes(5));
    }

    @Test
    void masksOnlySecretArgsInBothRoles() {
        TaskSpec masked = secrets.masked(spec("worker-secret", "master-secret"));
        assertThat(masked.workers().args()).containsEntry("API_KEY", "***").containsEntry("MODE", "pass");
        assertThat(masked.master().args()).containsEntry("API_KEY", "***").containsEntry("MODE", "pass");
    }

    @Test
    void maskingKeepsEveryOtherPartOfTheSpecThresholdsIncluded() {
        TaskSpec spec = spec("worker-secret", "master-secret");
        TaskSpec full = new TaskSpec(spec.name(), spec.workers(), spec.master(), spec.timeout(), Map.of("branch", "main"), null, null,
                List.of(new Threshold("p95", Threshold.ALL_LABELS, 500.0, null)));
        TaskSpec masked = secrets.masked(full);
        assertThat(masked.thresholds()).isEqualTo(full.thresholds());
        assertThat(masked.labels()).isEqualTo(full.labels());
        assertThat(masked.timeout()).isEqualTo(full.timeout());
    }

    @Test
    void scrubsEverySecretValueFromFreeText() {
        String line = "connecting with worker-secret and master-secret, mode pass";
        assertThat(secrets.scrub(spec("worker-secret", "master-secret"), line))
                .isEqualTo("connecting with *** and ***, mode pass");
    }

    @Test
    void leavesVeryShortSecretsInFreeTextButStillMasksThemInViews() {
        TaskSpec spec = spec("ab", "master-secret");
        assertThat(secrets.scrub(spec, "a b ab")).isEqualTo("a b ab");
        assertThat(secrets.masked(spec).workers().args()).containsEntry("API_KEY", "***");
    }

    @Test
    void anImageOutsideTheWhitelistHasNoSecretsToMask() {
        assertThat(secrets.mask("other/image:1", Map.of("API_KEY", "k"))).containsEntry("API_KEY", "k");
    }
}
