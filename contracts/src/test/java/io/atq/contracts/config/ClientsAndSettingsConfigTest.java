package io.atq.contracts.config;

import io.atq.contracts.images.ImageReference;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientsAndSettingsConfigTest {
    private static final String HASH = "c6b8801b12f6004f5ffcd7818261e23d33f0c92c0a2e17feea24bfc140159d11";
    private static final String IMAGES = "images:\n  - imageName: atq/demo-worker:1\n";

    private static AtqConfig parse(String yaml) {
        return ConfigLoader.parse("test.yaml", new StringReader(yaml));
    }

    private static void assertRejected(String yaml, String field, String problem) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(field + ": " + problem)
                .satisfies(e -> assertThat(((ConfigException) e).getField()).isEqualTo(field));
    }

    @Test
    void readsClientsWithRolesHashesSecretsAndLimits() {
        AtqConfig config = parse(IMAGES + """
                clients:
                  - {id: ci, role: submitter, tokenSha256: %s, webhookSecret: whsec_YXRxLWRldi13ZWJob29rLXNlY3JldC0zMmJ5dGVzISE=,
                     maxActiveTasks: 3, maxActiveReplicas: 9}
                """.formatted(HASH));
        ClientConfig ci = config.client("ci").orElseThrow();
        assertThat(ci.role()).isEqualTo(ClientRole.SUBMITTER);
        assertThat(ci.isAdmin()).isFalse();
        assertThat(ci.tokenSha256()).isEqualTo(HASH);
        assertThat(ci.webhookSecret()).startsWith("whsec_");
        assertThat(ci.maxActiveTasks()).isEqualTo(3);
        assertThat(ci.maxActiveReplicas()).isEqualTo(9);
    }

    @Test
    void refusesAPlainTokenInPlaceOfItsHashAndTwoClientsWithOneToken() {
        assertRejected(IMAGES + "clients:\n  - {id: ci, role: admin, tokenSha256: atq-dev-token}\n",
                "clients[0].tokenSha256", "must be the token's SHA-256");
        assertRejected(IMAGES + "clients:\n  - {id: a, role: admin, tokenSha256: %s}\n  - {id: b, role: admin, tokenSha256: %s}\n"
                .formatted(HASH, HASH), "clients[1].tokenSha256", "is the same token as another client's");
        assertRejected(IMAGES + "clients:\n  - {id: a, role: root, tokenSha256: %s}\n".formatted(HASH),
                "clients[0].role", "must be submitter or admin");
    }

    @Test
    void aBadWebhookSecretIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> parse(IMAGES + "clients:\n  - {id: a, role: admin, tokenSha256: %s, webhookSecret: hunter2}\n".formatted(HASH)))
                .hasMessageContaining("clients[0].webhookSecret")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void readsWebhookBundleEvidenceAndCapacitySettings() {
        AtqConfig config = parse(IMAGES + """
                webhooks: {retrySchedule: [PT1S, PT2S], timeout: PT3S, allowHosts: [127.0.0.1]}
                bundles: {maxUploadSize: 10m, maxExtractedSize: 20m, maxEntries: 5}
                evidence: {retention: PT1H, stopGracePeriod: PT2S, minFreeSpace: 64m}
                capacity: {maxTasksPerDirector: 2, maxWorkers: 7}
                """);
        assertThat(config.webhooks()).isEqualTo(new WebhookSettings(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                Duration.ofSeconds(3), List.of("127.0.0.1")));
        assertThat(config.bundles()).isEqualTo(new BundleSettings(10L << 20, 20L << 20, 5));
        assertThat(config.evidence()).isEqualTo(new EvidenceSettings(Duration.ofHours(1), Duration.ofSeconds(2), 64L << 20));
        assertThat(config.capacity()).isEqualTo(new CapacitySettings(2, 7));
    }

    @Test
    void leftOutSectionsTakeTheirDefaults() {
        AtqConfig config = parse(IMAGES);
        assertThat(config.clients()).isEmpty();
        assertThat(config.webhooks()).isEqualTo(WebhookSettings.DEFAULT);
        assertThat(config.capacity()).isEqualTo(CapacitySettings.DEFAULT);
        assertRejected(IMAGES + "webhooks: {retrySchedule: [soon]}\n", "webhooks.retrySchedule[0]", "must be an ISO-8601 duration");
        assertRejected(IMAGES + "capacity: {maxWorkers: 0}\n", "capacity.maxWorkers", "must be between 1 and");
    }

    @Test
    void readsPlacementAndSecretArgsPerImage() {
        AtqConfig config = parse("""
                images:
                  - imageName: atq/demo-worker:1
                    args: [{name: API_KEY, secret: true}, {name: MODE}]
                    placement: {maxReplicasPerNode: 2, constraints: ["node.role==worker"], spreadOver: [node.labels.zone]}
                """);
        ImageRule rule = config.ruleFor(ImageReference.parse("atq/demo-worker:1")).orElseThrow();
        assertThat(rule.placement()).isEqualTo(new Placement(2, List.of("node.role==worker"), List.of("node.labels.zone")));
        assertThat(rule.isSecret("API_KEY")).isTrue();
        assertThat(rule.isSecret("MODE")).isFalse();
        assertRejected("images:\n  - imageName: a:1\n    placement: {constraints: [worker]}\n",
                "images[0].placement.constraints[0]", "must be a Swarm constraint");
    }

    @Test
    void theEmbeddedDefaultDocumentsTheDevClient() {
        AtqConfig config = ConfigLoader.loadEmbedded();
        assertThat(config.client("dev")).hasValueSatisfying(c -> {
            assertThat(c.isAdmin()).isTrue();
            assertThat(c.tokenSha256()).isEqualTo(HASH);
        });
    }
}
