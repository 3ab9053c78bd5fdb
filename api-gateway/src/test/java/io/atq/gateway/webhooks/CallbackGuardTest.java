package io.atq.gateway.webhooks;

import io.atq.contracts.config.AtqConfig;
import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.config.ClientRole;
import io.atq.contracts.config.WebhookSettings;
import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.validation.Violation;
import io.atq.gateway.TestConfigs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard at submission (400 naming callbackUrl) and at delivery (re-resolved). */
class CallbackGuardTest {
    private static final String SECRET = "whsec_YXRxLWRldi13ZWJob29rLXNlY3JldC0zMmJ5dGVzISE=";

    private final FakeHostResolver dns = new FakeHostResolver()
            .answer("hooks.example.test", "93.184.216.34")
            .answer("metadata.example.test", "169.254.169.254");
    private final CallbackGuard guard = new CallbackGuard(dns, new CallbackAddressPolicy(List.of("127.0.0.1")), config());

    @Test
    void aPublicHostOfAClientWithASecretIsAdmitted() {
        assertThat(guard.admit(spec("https://hooks.example.test/atq"), "ci")).isEmpty();
        assertThat(guard.admit(spec("http://127.0.0.1:9999/hook"), "ci")).as("allowlisted").isEmpty();
    }

    @Test
    void nonPublicAddressesAreRefusedNamingCallbackUrl() {
        for (String url : List.of("http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/x",
                "http://metadata.example.test/x", "http://[::ffff:10.0.0.1]/x", "http://0.0.0.0/x")) {
            List<Violation> violations = guard.admit(spec(url), "ci");
            assertThat(violations).as(url).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("callbackUrl");
                assertThat(v.message()).contains("not a public address");
            });
        }
    }

    @Test
    void aClientWithoutSecretOrAnUnresolvableHostIsRefused() {
        assertThat(guard.admit(spec("https://hooks.example.test/atq"), "no-secret")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("no webhook secret"));
        assertThat(guard.admit(spec("https://hooks.example.test/atq"), null)).hasSize(1);
        assertThat(guard.admit(spec("https://nowhere.example.test/atq"), "ci")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("does not resolve"));
    }

    @Test
    void atDeliveryTheHostIsResolvedAgainSoARebindIsCaught() throws Exception {
        assertThat(guard.check("https://hooks.example.test/atq").addresses()).extracting(a -> a.getHostAddress())
                .containsExactly("93.184.216.34");

        dns.answer("hooks.example.test", "10.0.0.7");

        assertThatThrownBy(() -> guard.check("https://hooks.example.test/atq"))
                .isInstanceOf(CallbackRefusedException.class).hasMessageContaining("10.0.0.7");
    }

    private static TaskSpec spec(String url) {
        return new TaskSpec("t", null, null, Duration.ofMinutes(1), java.util.Map.of(), null, new Callback(url, null));
    }

    private static AtqConfig config() {
        AtqConfig base = TestConfigs.load();
        return new AtqConfig(base.source(), base.port(), base.sharedPath(), base.pullImages(), base.probeImage(),
                base.limits(), base.images(),
                List.of(new ClientConfig("ci", ClientRole.SUBMITTER, "00".repeat(32), SECRET, 10, 10),
                        new ClientConfig("no-secret", ClientRole.SUBMITTER, "11".repeat(32), null, 10, 10)),
                new WebhookSettings(List.of(Duration.ofSeconds(1)), Duration.ofSeconds(1), List.of("127.0.0.1")),
                null, null, null);
    }
}
